using MachineActors.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>The registry's bookkeeping for one machine: its record plus how its actor is supervised.</summary>
internal sealed class MachineEntry(MachineRecord record, RegisteredMachineType? type, DriverEntry? driver, bool isDriverAvailable)
{
    public Guid Id => Record.Config.Id;

    private MachineRecord _record = record;
    private StoredMachineState? _lastRecorded;

    /// <summary>The latest record; its state is the actor's last report while the actor runs.</summary>
    public MachineRecord Record
    {
        get => _record;
        set
        {
            var stateChanged = !ReferenceEquals(value.State, _record.State);
            _record = value;
            if (stateChanged && RecordState is { } record)
            {
                // Every path that changes the state passes here; record only what differs from the last record.
                var stored = StoredMachineState.From(value.State);
                if (stored != _lastRecorded)
                {
                    _lastRecorded = stored;
                    record(Id, stored);
                }
            }
        }
    }

    /// <summary>Where state changes are recorded (the config store), set once the entry is registered.</summary>
    public Action<Guid, StoredMachineState>? RecordState { get; set; }

    /// <summary>Null when the machine type is unknown: the machine is not loaded and has no actor.</summary>
    public RegisteredMachineType? Type { get; } = type;

    /// <summary>Null when the driver is not registered or not compatible with the type.</summary>
    public DriverEntry? Driver { get; } = driver;

    public bool IsDriverAvailable { get; } = isDriverAvailable;

    public IActorRef? Actor { get; set; }

    public int Incarnation { get; set; }

    /// <summary>The current incarnation failed; its actor is stopping and its reports are stale.</summary>
    public bool Failed { get; set; }

    /// <summary>Failures counted towards <see cref="RegistryOptions.MaxMachineRestarts"/>.</summary>
    public int Failures { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>What the last failure was, for the <see cref="MachineFailed"/> event.</summary>
    public string LastFailure { get; set; } = "";

    public bool IsRunning => Actor is not null && !Failed;

    // Requests sent to the actor and not answered yet, oldest first; rarely more than one, so the first has a field.
    private PendingRequest? _firstPending;
    private List<PendingRequest>? _morePending;

    public void AddPending(PendingRequest request)
    {
        if (_firstPending is null)
        {
            _firstPending = request;
        }
        else
        {
            (_morePending ??= []).Add(request);
        }
    }

    public PendingRequest? TakePending(long requestId)
    {
        if (_firstPending is { } first && first.Id == requestId)
        {
            _firstPending = null;
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
                    var found = rest[i];
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
        var all = new List<PendingRequest>();
        if (_firstPending is { } first)
        {
            all.Add(first);
        }
        all.AddRange(_morePending ?? []);
        _firstPending = null;
        _morePending = null;
        var taken = all.FindAll(request => incarnation is null || request.Incarnation == incarnation);
        foreach (var kept in all.Where(request => !taken.Contains(request)))
        {
            AddPending(kept);
        }
        return taken;
    }
}
