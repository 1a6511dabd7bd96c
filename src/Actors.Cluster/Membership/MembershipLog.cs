using Microsoft.Extensions.Logging;

namespace MachineActors.Actors.Cluster.Membership;

/// <summary>The membership actor's log messages; event ids 2100-2199 belong to cluster membership (the transport has 2000-2099).</summary>
internal static partial class MembershipLog
{
    /// <summary>The event ids, for whoever filters or asserts on them.</summary>
    public static class Ids
    {
        public const int Joined = 2100;
        public const int JoinFailed = 2101;
        public const int MemberUp = 2102;
        public const int TickFailed = 2103;
        public const int TickFailedAgain = 2104;
        public const int DatabaseBack = 2105;
        public const int MemberUnreachable = 2106;
        public const int MemberReachable = 2107;
        public const int MarkedDown = 2108;
        public const int LostDowningRace = 2109;
        public const int DowningFailed = 2110;
        public const int MemberRemoved = 2111;
        public const int SelfDowned = 2112;
        public const int Leaving = 2113;
        public const int LeaveFailed = 2114;
        public const int Left = 2115;
        public const int HeartbeatConflict = 2116;
    }

    [LoggerMessage(EventId = Ids.Joined, Level = LogLevel.Information, Message = "Node {Node} joined the cluster as incarnation {Incarnation}.")]
    public static partial void Joined(this ILogger logger, string node, long incarnation);

    [LoggerMessage(EventId = Ids.JoinFailed, Level = LogLevel.Warning, Message = "Node {Node} could not join the cluster (failure {Failures}); trying again in {Delay}.")]
    public static partial void JoinFailed(this ILogger logger, string node, int failures, TimeSpan delay, Exception error);

    [LoggerMessage(EventId = Ids.MemberUp, Level = LogLevel.Information, Message = "Member {Node} incarnation {Incarnation} is up at {Address}.")]
    public static partial void MemberUp(this ILogger logger, string node, long incarnation, string address);

    [LoggerMessage(EventId = Ids.TickFailed, Level = LogLevel.Warning,
        Message = "Membership tick of node {Node} failed; nobody is judged until the database answers again. Trying again every {Interval}.")]
    public static partial void TickFailed(this ILogger logger, string node, TimeSpan interval, Exception error);

    [LoggerMessage(EventId = Ids.TickFailedAgain, Level = LogLevel.Debug, Message = "Membership tick of node {Node} failed again ({Failures} in a row).")]
    public static partial void TickFailedAgain(this ILogger logger, string node, int failures, Exception error);

    [LoggerMessage(EventId = Ids.DatabaseBack, Level = LogLevel.Information,
        Message = "The membership database answers node {Node} again after {Failures} failed ticks; silence during the outage is held against nobody.")]
    public static partial void DatabaseBack(this ILogger logger, string node, int failures);

    [LoggerMessage(EventId = Ids.MemberUnreachable, Level = LogLevel.Warning, Message = "Member {Node} incarnation {Incarnation} is unreachable: its heartbeat has not moved for {Silence}.")]
    public static partial void MemberUnreachable(this ILogger logger, string node, long incarnation, TimeSpan silence);

    [LoggerMessage(EventId = Ids.MemberReachable, Level = LogLevel.Information, Message = "Member {Node} incarnation {Incarnation} is reachable again.")]
    public static partial void MemberReachable(this ILogger logger, string node, long incarnation);

    [LoggerMessage(EventId = Ids.MarkedDown, Level = LogLevel.Warning, Message = "Marked member {Node} incarnation {Incarnation} down: its heartbeat had not moved for {Silence}.")]
    public static partial void MarkedDown(this ILogger logger, string node, long incarnation, TimeSpan silence);

    [LoggerMessage(EventId = Ids.LostDowningRace, Level = LogLevel.Debug, Message = "Member {Node} changed before this node could mark it down (another node was faster): {Reason}")]
    public static partial void LostDowningRace(this ILogger logger, string node, string reason);

    [LoggerMessage(EventId = Ids.DowningFailed, Level = LogLevel.Warning, Message = "Could not mark member {Node} down; trying again next tick.")]
    public static partial void DowningFailed(this ILogger logger, string node, Exception error);

    [LoggerMessage(EventId = Ids.MemberRemoved, Level = LogLevel.Information, Message = "Member {Node} incarnation {Incarnation} was removed (last seen {Status}).")]
    public static partial void MemberRemoved(this ILogger logger, string node, long incarnation, MemberStatus status);

    [LoggerMessage(EventId = Ids.SelfDowned, Level = LogLevel.Error,
        Message = "Node {Node} incarnation {Incarnation} is no longer a member ({Reason}); it has stopped heartbeating and should be shut down.")]
    public static partial void SelfDowned(this ILogger logger, string node, long incarnation, string reason);

    [LoggerMessage(EventId = Ids.Leaving, Level = LogLevel.Information, Message = "Node {Node} is leaving the cluster.")]
    public static partial void Leaving(this ILogger logger, string node);

    [LoggerMessage(EventId = Ids.LeaveFailed, Level = LogLevel.Warning, Message = "Node {Node} could not finish leaving (failure {Failures}); trying again in {Delay}.")]
    public static partial void LeaveFailed(this ILogger logger, string node, int failures, TimeSpan delay, Exception error);

    [LoggerMessage(EventId = Ids.Left, Level = LogLevel.Information, Message = "Node {Node} left the cluster.")]
    public static partial void Left(this ILogger logger, string node);

    [LoggerMessage(EventId = Ids.HeartbeatConflict, Level = LogLevel.Debug, Message = "The heartbeat of node {Node} lost a race ({Reason}); the read that follows refreshes its row.")]
    public static partial void HeartbeatConflict(this ILogger logger, string node, string reason);
}
