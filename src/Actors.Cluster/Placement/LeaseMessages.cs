namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Asks a <see cref="LeaseKeeper"/> for the lease of a machine. The keeper tries at once and then on every
/// renew interval until the lease is granted, then answers <see cref="LeaseGranted"/> to
/// <paramref name="NotifyTo"/> (the sender when null) and keeps the lease renewed until
/// <see cref="ReleaseLease"/>, <see cref="ReleaseAll"/> or <see cref="LeaseLost"/>. Asking again for a lease
/// already held answers <see cref="LeaseGranted"/> at once (and makes the new requester the one told).
/// </summary>
public sealed record AcquireLease(string MachineId, IActorRef? NotifyTo = null);

/// <summary>The lease of <paramref name="MachineId"/> is held at <paramref name="Epoch"/>: the requester may start the machine's actor.</summary>
public sealed record LeaseGranted(string MachineId, long Epoch);

/// <summary>
/// The lease of <paramref name="MachineId"/> at <paramref name="Epoch"/> is gone (a renewal did not return it, or
/// the fencing deadline passed without a successful renewal): the requester must stop the machine's actor at once.
/// The keeper forgets the machine; send <see cref="AcquireLease"/> again to compete for it anew.
/// </summary>
public sealed record LeaseLost(string MachineId, long Epoch);

/// <summary>
/// Gives the lease of <paramref name="MachineId"/> back (send it after the machine's actor has stopped): the keeper
/// stops wanting it, sends nothing more about it and ends the row's lease at once so another node may take it.
/// </summary>
public sealed record ReleaseLease(string MachineId);

/// <summary>Graceful leave: releases every lease the keeper holds or waits for, then answers <see cref="LeasesReleased"/>.</summary>
public sealed record ReleaseAll
{
    public static readonly ReleaseAll Instance = new();
}

/// <summary>
/// The answer to <see cref="ReleaseAll"/> once the releases were attempted; a lease whose release failed (the
/// database was unreachable) still ends when it expires.
/// </summary>
public sealed record LeasesReleased
{
    public static readonly LeasesReleased Instance = new();
}

/// <summary>Asks a <see cref="LeaseKeeper"/> which leases it holds; it answers <see cref="HeldLeases"/>.</summary>
public sealed record GetHeldLeases
{
    public static readonly GetHeldLeases Instance = new();
}

/// <summary>The leases a keeper holds (past none of their fencing deadlines), as the epoch of each machine id.</summary>
public sealed record HeldLeases(IReadOnlyDictionary<string, long> EpochByMachine);
