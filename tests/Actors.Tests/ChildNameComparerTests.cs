using MachineActors.Actors.Dispatch;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class ChildNameComparerTests : TestKit.TestKit
{
    private static readonly ChildNameComparer s_comparer = ChildNameComparer.Instance;

    [Fact]
    public void Names_of_one_sequence_hash_to_consecutive_codes()
    {
        var first = s_comparer.GetHashCode("machine-1");
        for (var i = 2; i <= 5_000; i++)
        {
            Assert.Equal(unchecked(first + i - 1), s_comparer.GetHashCode($"machine-{i}"));
        }
    }

    [Theory]
    [InlineData("machine-42", "Machine-42")]
    [InlineData("machine-01", "machine-1")]
    [InlineData("a1234567890", "b1234567890")]
    [InlineData("1234567890", "234567890")]
    [InlineData("", "0")]
    [InlineData("$a", "$b")]
    public void Names_are_compared_ordinally_and_equal_names_hash_alike(string name, string other)
    {
        Assert.False(s_comparer.Equals(name, other));
        Assert.True(s_comparer.Equals(name, new string(name.AsSpan())));
        Assert.Equal(s_comparer.GetHashCode(name), s_comparer.GetHashCode(new string(name.AsSpan())));
        Assert.Equal(s_comparer.GetHashCode(other), s_comparer.GetHashCode(new string(other.AsSpan())));
    }

    [Fact]
    public void Prefixes_count_in_the_hash()
    {
        var codes = new[] { "machine-7", "printer-7", "driver-7", "7" }.Select(s_comparer.GetHashCode).ToHashSet();
        Assert.Equal(4, codes.Count);
    }

    [Fact]
    public async Task Numbered_children_are_created_found_and_their_names_freed_when_they_stop()
    {
        var children = Enumerable.Range(1, 300).Select(i => Sys.ActorOf(Props.Create<EchoActor>(), $"worker-{i}")).ToList();
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "worker-7"));

        Assert.Equal(children[122], await Sys.ActorSelection("/user/worker-123").ResolveOne(TimeSpan.FromSeconds(5)));

        Watch(children[6]);
        Sys.Stop(children[6]);
        ExpectTerminated(children[6]);
        AwaitAssert(() => Sys.ActorOf(Props.Create<EchoActor>(), "worker-7"));
        Assert.NotEqual(children[6], await Sys.ActorSelection("/user/worker-7").ResolveOne(TimeSpan.FromSeconds(5)));
    }
}
