using System.Globalization;

namespace MachineActors.Actors.TestKit;

/// <summary>Default waits of the TestKit, stretched by MACHINEACTORS_TEST_TIMEFACTOR on slow machines.</summary>
public static class TestTimeouts
{
    /// <summary>How long ExpectMsg and friends wait when not told (Akka's default is 3 s).</summary>
    public static TimeSpan DefaultExpect => Dilated(TimeSpan.FromSeconds(3));

    /// <summary>How long ExpectNoMsg listens when not told.</summary>
    public static TimeSpan DefaultNoMessage => Dilated(TimeSpan.FromMilliseconds(200));

    public static double TimeFactor { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("MACHINEACTORS_TEST_TIMEFACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor >= 1
            ? factor
            : 1;

    public static TimeSpan Dilated(TimeSpan duration) => duration * TimeFactor;
}
