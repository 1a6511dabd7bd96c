using MachineActors.Actors.Cluster.Membership;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

public sealed class MembershipOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones_and_valid()
    {
        var options = new MembershipOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.UnreachableAfter);
        Assert.Equal(TimeSpan.FromSeconds(4), options.DownAfter);
        Assert.Equal("cluster", options.Schema);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.MaxObservationGap);
    }

    public static TheoryData<MembershipOptions> InvalidOptions => new()
    {
        new MembershipOptions { HeartbeatInterval = TimeSpan.Zero },
        new MembershipOptions { UnreachableAfter = TimeSpan.FromMilliseconds(999) },
        new MembershipOptions { DownAfter = TimeSpan.FromSeconds(2) },
        new MembershipOptions { DatabaseTimeout = TimeSpan.Zero },
        new MembershipOptions { RetryMinBackoff = TimeSpan.Zero },
        new MembershipOptions { RetryMaxBackoff = TimeSpan.FromMilliseconds(100) },
        new MembershipOptions { Schema = "Cluster" },
        new MembershipOptions { Schema = "1cluster" },
        new MembershipOptions { Schema = "cluster; drop table x" },
        new MembershipOptions { Schema = "" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validation_rejects_out_of_range_or_contradictory_settings(MembershipOptions options) =>
        Assert.ThrowsAny<ArgumentException>(options.Validate);

    [Fact]
    public void The_retry_backoff_doubles_up_to_the_maximum()
    {
        var options = new MembershipOptions { RetryMinBackoff = TimeSpan.FromMilliseconds(100), RetryMaxBackoff = TimeSpan.FromMilliseconds(700) };

        Assert.Equal(
            [100, 200, 400, 700, 700],
            Enumerable.Range(1, 5).Select(failures => options.RetryBackoff(failures).TotalMilliseconds).ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(700), options.RetryBackoff(1000));
    }
}
