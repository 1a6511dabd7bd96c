namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// A machine the cluster knows of, where it should run and who holds its lease now (null fields: nobody ever
/// held it). <paramref name="LeaseExpired"/> is judged by the database clock at the time of reading.
/// </summary>
public sealed record CatalogEntry(string MachineId, string? Placement, string? OwnerNode, long? OwnerIncarnation, long? Epoch, bool LeaseExpired);
