using MachineActors.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Actors;

/// <summary>The registry's bookkeeping for one machine: its record plus how its actor is supervised.</summary>
internal sealed class MachineEntry(MachineRecord record, RegisteredMachineType? type, DriverEntry? driver, bool isDriverAvailable)
{
    public Guid Id => Record.Config.Id;

    /// <summary>The latest record; its state is the actor's last report while the actor runs.</summary>
    public MachineRecord Record { get; set; } = record;

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

    /// <summary>Requests sent to the actor and not answered yet, by request id; null when there are none.</summary>
    public Dictionary<long, PendingRequest>? Pending { get; set; }

    public bool IsRunning => Actor is not null && !Failed;

    public PendingRequest? TakePending(long requestId) =>
        Pending is { } pending && pending.Remove(requestId, out var request) ? request : null;

    /// <summary>Removes and returns the pending requests of <paramref name="incarnation"/> (of every incarnation when null).</summary>
    public List<PendingRequest> TakeAllPending(int? incarnation = null)
    {
        if (Pending is not { } pending)
        {
            return [];
        }
        var taken = new List<PendingRequest>();
        foreach (var (id, request) in pending)
        {
            if (incarnation is null || request.Incarnation == incarnation)
            {
                taken.Add(request);
                pending.Remove(id);
            }
        }
        return taken;
    }
}
