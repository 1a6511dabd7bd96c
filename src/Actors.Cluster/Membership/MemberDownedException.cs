namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// A heartbeat found its member row marked Down, taken over by a newer incarnation of the same node
/// name, or gone: this incarnation is no longer a member and must stop heartbeating.
/// </summary>
public sealed class MemberDownedException : MembershipConflictException
{
    public MemberDownedException()
        : this("This member was downed.")
    {
    }

    public MemberDownedException(string message)
        : base(message)
    {
    }

    public MemberDownedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MemberDownedException(string nodeName, string message, Exception? innerException)
        : base(nodeName, message, innerException)
    {
    }
}
