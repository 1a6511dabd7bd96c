namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// A change to a member row lost a compare-and-swap race: the row no longer has the version (or the
/// state) the caller read. Nothing was written; read the row again and decide anew.
/// </summary>
public class MembershipConflictException : Exception
{
    public MembershipConflictException()
        : this("The member row changed concurrently.")
    {
    }

    public MembershipConflictException(string message)
        : this(string.Empty, message, null)
    {
    }

    public MembershipConflictException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    public MembershipConflictException(string nodeName, string message, Exception? innerException)
        : base(message, innerException)
    {
        NodeName = nodeName;
    }

    /// <summary>The node whose row the change was for.</summary>
    public string NodeName { get; }
}
