using MachineActors.Actors;
using MachineActors.Registry.Actors;

namespace MachineActors.Registry.Cluster;

/// <summary>Where a cluster registry is with one machine's lease.</summary>
internal enum PlacedPhase
{
    /// <summary>The lease is asked for and not granted yet (the request is never withdrawn; an unwanted grant is given back).</summary>
    Acquiring,

    /// <summary>Granted: the machine's records are being read.</summary>
    Loading,

    /// <summary>The machine is registered and its actor runs (or failed and waits for its restart).</summary>
    Running,

    /// <summary>Being handed back: the running print job finishes first.</summary>
    Draining,

    /// <summary>Being handed back or fenced: its actors stop, then its records are dropped, then the lease goes back.</summary>
    Stopping,
}

/// <summary>A cluster registry's bookkeeping of one machine it holds or asks the lease of.</summary>
internal sealed class PlacedMachine(Guid id, string key, string? placement, long sinceRead)
{
    public Guid Id { get; } = id;

    /// <summary>The machine's id as the catalog and the lease table spell it.</summary>
    public string Key { get; } = key;

    public string? Placement { get; set; } = placement;

    /// <summary>A catalog read numbered up to this one started before the registry last changed this machine, so it cannot judge it.</summary>
    public long SinceRead { get; set; } = sinceRead;

    public PlacedPhase Phase { get; set; } = PlacedPhase.Acquiring;

    public long Epoch { get; set; }

    /// <summary>The AddMachine that waits for this machine to start, with the config it stored.</summary>
    public PendingRequest? AddWaiter { get; set; }

    public MachineConfig? AddedConfig { get; set; }

    /// <summary>Why it is handed back, for the machine's unanswered requests.</summary>
    public string StopReason { get; set; } = "";

    /// <summary>The lease was lost meanwhile: nothing to give back.</summary>
    public bool LeaseGone { get; set; }

    /// <summary>The machine actor and print queue still stopping (null once stopped).</summary>
    public IActorRef? StoppingMachine { get; set; }

    public IActorRef? StoppingQueue { get; set; }

    /// <summary>Whether the machine is this node's to run (registered, or about to be).</summary>
    public bool IsHeld => Phase is PlacedPhase.Loading or PlacedPhase.Running;
}
