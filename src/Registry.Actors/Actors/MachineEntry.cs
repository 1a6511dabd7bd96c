using MachineActors.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>The registry's bookkeeping for one machine: its config and state plus how its actor is supervised.</summary>
internal sealed class MachineEntry(MachineConfig config, MachineRuntimeState state, RegisteredMachineType? type, DriverEntry? driver, bool isDriverAvailable)
{
    public Guid Id => Config.Id;

    /// <summary>The latest stored config.</summary>
    public MachineConfig Config { get; set; } = config;

    private MachineRuntimeState _state = state;
    private StoredMachineState? _lastRecorded;

    /// <summary>The latest state: the actor's last report while the actor runs. Only the registry's SetState sets it, with <see cref="ChangeState"/>.</summary>
    public MachineRuntimeState State => _state;

    /// <summary>
    /// Sets <see cref="State"/>; returns what the registry must record (in the config store, and on the event stream),
    /// or null when the change does not alter what was recorded last. Every state change passes here.
    /// </summary>
    public StoredMachineState? ChangeState(MachineRuntimeState state)
    {
        var changed = !ReferenceEquals(state, _state);
        _state = state;
        if (!changed)
        {
            return null;
        }
        var stored = Type?.Stored(state) ?? StoredMachineState.From(state);
        if (stored == _lastRecorded)
        {
            return null;
        }
        _lastRecorded = stored;
        return stored;
    }

    /// <summary>The machine's index in the configs the registry loaded at start-up (-1 for one added since), for the store.</summary>
    public int LoadIndex { get; init; } = -1;

    /// <summary>The machine's position in its <see cref="MachineTable"/>'s insertion order (-1 when in none); only the table sets it.</summary>
    public int TableOrder { get; set; } = -1;

    /// <summary>A record of the config and state, for views and filters.</summary>
    public MachineRecord Record => new(Config, State);

    /// <summary>Null when the machine type is unknown: the machine is not loaded and has no actor. Immutable: the actor reads it.</summary>
    public RegisteredMachineType? Type { get; } = type;

    /// <summary>Null when the driver is not registered or not compatible with the type. Immutable: the actor reads it.</summary>
    public DriverEntry? Driver { get; } = driver;

    public bool IsDriverAvailable { get; } = isDriverAvailable;

    public IActorRef? Actor { get; set; }

    /// <summary>What the current incarnation of the actor started from, with the driver call it is running on its thread.</summary>
    public MachineSetup? Setup { get; set; }

    /// <summary>
    /// In a cluster, cancelled when the node loses the machine's lease: every driver call of the machine ends at once.
    /// Set before the first actor starts and not changed afterwards (the actors read it); null outside a cluster.
    /// </summary>
    public CancellationTokenSource? Fence { get; set; }

    public int Incarnation { get; set; }

    /// <summary>The current incarnation failed; its actor is stopping and its reports are stale.</summary>
    public bool Failed { get; set; }

    /// <summary>Failures counted towards <see cref="RegistryOptions.MaxMachineRestarts"/>.</summary>
    public int Failures { get; set; }

    // UTC ticks rather than a DateTimeOffset: half the size, in an object every machine has.
    private long _startedAtTicks;

    /// <summary>When the current incarnation of the actor started (UTC).</summary>
    public DateTimeOffset StartedAt
    {
        get => new(_startedAtTicks, TimeSpan.Zero);
        set => _startedAtTicks = value.UtcTicks;
    }

    /// <summary>What the last failure was, for the <see cref="MachineFailed"/> event.</summary>
    public string LastFailure { get; set; } = "";

    public bool IsRunning => Actor is not null && !Failed;

    // Requests sent to the actor and not answered yet, oldest first; rarely more than one, so the first has a field
    // (empty while its request is null).
    private PendingSlot _firstPending;
    private List<PendingSlot>? _morePending;

    public void AddPending(long id, int incarnation, PendingRequest request)
    {
        var slot = new PendingSlot(id, incarnation, request);
        if (_firstPending.Request is null)
        {
            _firstPending = slot;
        }
        else
        {
            (_morePending ??= []).Add(slot);
        }
    }

    public PendingRequest? TakePending(long requestId)
    {
        if (_firstPending is { Request: { } first } && _firstPending.Id == requestId)
        {
            _firstPending = default;
            if (_morePending is { Count: > 0 } more)
            {
                _firstPending = more[0];
                more.RemoveAt(0);
            }
            return first;
        }
        if (_morePending is { } rest)
        {
            for (var i = 0; i < rest.Count; i++)
            {
                if (rest[i].Id == requestId)
                {
                    var found = rest[i].Request;
                    rest.RemoveAt(i);
                    return found;
                }
            }
        }
        return null;
    }

    /// <summary>Removes and returns, oldest first, the pending requests of <paramref name="incarnation"/> (of every incarnation when null).</summary>
    public List<PendingRequest> TakeAllPending(int? incarnation = null)
    {
        var all = new List<PendingSlot>();
        if (_firstPending.Request is not null)
        {
            all.Add(_firstPending);
        }
        all.AddRange(_morePending ?? []);
        _firstPending = default;
        _morePending = null;
        var taken = new List<PendingRequest>();
        foreach (var slot in all)
        {
            if (incarnation is null || slot.Incarnation == incarnation)
            {
                taken.Add(slot.Request);
            }
            else
            {
                AddPending(slot.Id, slot.Incarnation, slot.Request);
            }
        }
        return taken;
    }

    /// <summary>A request sent to one incarnation of the actor under an id.</summary>
    private readonly record struct PendingSlot(long Id, int Incarnation, PendingRequest Request);
}
