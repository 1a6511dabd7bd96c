using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;

namespace MachineActors.Registry.Cluster;

/// <summary>Registry timer: read the catalog and the membership again.</summary>
internal sealed record PollCatalog
{
    public static readonly PollCatalog Instance = new();
}

/// <summary>Read number <paramref name="Read"/> of the catalog and of the membership, as it came back.</summary>
internal sealed record PlacementView(long Read, IReadOnlyList<CatalogEntry> Entries, CurrentClusterState State);

internal sealed record PlacementViewFailed(long Read, Exception Cause);

/// <summary>A granted machine's records, read fresh (null: not stored).</summary>
internal sealed record HeldMachineLoaded(Guid MachineId, long Epoch, LoadedMachine? Machine);

internal sealed record HeldMachineLoadFailed(Guid MachineId, long Epoch, Exception Cause);

/// <summary>The print queue of a machine being handed back has finished its running job (or the wait gave up).</summary>
internal sealed record ReleaseDrained(Guid MachineId, IActorRef Queue);

/// <summary>A machine actor or print queue of a machine being handed back has stopped.</summary>
internal sealed record HeldActorStopped(Guid MachineId, IActorRef Actor);

/// <summary>A print queue stopped (handed back, fenced, or failed by itself).</summary>
internal sealed record PrintQueueStopped(Guid MachineId, IActorRef Queue);

/// <summary>The records of a machine being handed back are stored and dropped: its lease may go back.</summary>
internal sealed record ReleaseStored(Guid MachineId);

/// <summary>A dropped machine's records are stored (after a lost lease; nothing waits for it).</summary>
internal sealed record StreamForgotten(Guid MachineId);

/// <summary>The lease keeper has given back every lease after a graceful leave.</summary>
internal sealed record LeasesReturned
{
    public static readonly LeasesReturned Instance = new();
}

/// <summary>Registry timer: an AddMachine has waited <see cref="ClusterPlacementOptions.AddLeaseWait"/> for the lease.</summary>
internal sealed record AddLeaseWaitElapsed(Guid MachineId);

/// <summary>Timer key of <see cref="AddLeaseWaitElapsed"/>.</summary>
internal sealed record AddLeaseWaitKey(Guid MachineId);
