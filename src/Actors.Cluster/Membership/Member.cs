namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// One row of the membership table as read. A member is identified by <see cref="NodeName"/> and
/// <see cref="Incarnation"/> (a restarted node keeps its name and gets the next incarnation);
/// <see cref="Version"/> grows with every change of the row and is what compare-and-swap writes expect.
/// Equality compares every field, <see cref="Roles"/> element by element.
/// </summary>
/// <param name="NodeName">The node's unique name in the cluster.</param>
/// <param name="Address">The node's cluster endpoint, e.g. <c>ws://127.0.0.1:7001/cluster</c>.</param>
/// <param name="Roles">What the node offers (<c>frontend</c>, <c>station</c>, ...).</param>
/// <param name="Incarnation">1 for the first join of the name, one more for every later join.</param>
/// <param name="Status">The row's status.</param>
/// <param name="Heartbeat">A counter the node increments on every heartbeat; 0 right after a join.</param>
/// <param name="LastHeartbeat">When the last heartbeat (or the join) was written, by the database's clock; informative only.</param>
/// <param name="Version">The row version the next compare-and-swap must expect.</param>
public sealed record Member(
    string NodeName,
    string Address,
    IReadOnlyList<string> Roles,
    long Incarnation,
    MemberStatus Status,
    long Heartbeat,
    DateTimeOffset LastHeartbeat,
    long Version)
{
    public bool HasRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        foreach (var candidate in Roles)
        {
            if (string.Equals(candidate, role, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public bool Equals(Member? other) =>
        other is not null
        && string.Equals(NodeName, other.NodeName, StringComparison.Ordinal)
        && string.Equals(Address, other.Address, StringComparison.Ordinal)
        && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal)
        && Incarnation == other.Incarnation
        && Status == other.Status
        && Heartbeat == other.Heartbeat
        && LastHeartbeat == other.LastHeartbeat
        && Version == other.Version;

    public override int GetHashCode() => HashCode.Combine(NodeName, Incarnation, Status, Heartbeat, Version);

    public override string ToString() =>
        $"{NodeName}#{Incarnation} {Status} at {Address} [{string.Join(", ", Roles)}] heartbeat {Heartbeat} version {Version}";
}
