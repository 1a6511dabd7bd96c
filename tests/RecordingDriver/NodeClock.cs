namespace MachineActors.RecordingDriver;

/// <summary>
/// The system clock under a node's name: a node's actor system runs on it and hands it to its drivers, so a test
/// driver can tell which of the nodes in this process called it.
/// </summary>
public sealed class NodeClock(string nodeName) : TimeProvider
{
    public string NodeName { get; } = nodeName;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public override long TimestampFrequency => System.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow();

    public override long GetTimestamp() => System.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, dueTime, period);

    /// <summary>The name of the node whose clock <paramref name="time"/> is.</summary>
    public static string NodeOf(TimeProvider time) => time is NodeClock clock ? clock.NodeName : "?";
}
