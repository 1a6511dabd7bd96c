namespace MachineActors.Actors.Cluster.Membership;

/// <summary>What a node says about itself when it joins: its unique name, its cluster endpoint and its roles.</summary>
/// <param name="Name">The node's name, unique in the cluster and kept across restarts.</param>
/// <param name="Address">The node's cluster endpoint, e.g. <c>ws://127.0.0.1:7001/cluster</c>.</param>
/// <param name="Roles">What the node offers (<c>frontend</c>, <c>station</c>, ...).</param>
public sealed record NodeInfo(string Name, string Address, IReadOnlyList<string> Roles)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(Address);
        ArgumentNullException.ThrowIfNull(Roles);
    }
}
