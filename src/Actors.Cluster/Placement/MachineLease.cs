namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// One row of <c>machine_leases</c>: <paramref name="OwnerNode"/> (in its incarnation
/// <paramref name="OwnerIncarnation"/>) may run the machine's actor until <paramref name="ExpiresAt"/> on the
/// database clock. <paramref name="Epoch"/> grows by one whenever the holder changes, so it fences out
/// whatever an earlier holder still tries to do.
/// </summary>
public sealed record MachineLease(string MachineId, string OwnerNode, long OwnerIncarnation, long Epoch, DateTimeOffset ExpiresAt);
