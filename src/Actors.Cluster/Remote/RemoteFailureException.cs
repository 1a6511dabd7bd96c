namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// The cause of a <see cref="Status.Failure"/> that came from another node: exceptions do not cross the wire,
/// their type name and message do.
/// </summary>
public sealed class RemoteFailureException(string originalType, string message) : Exception(message)
{
    public string OriginalType { get; } = originalType;
}
