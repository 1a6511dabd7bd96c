using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>One machine as a client sees it (InvenTree's machine serializer, field for field).</summary>
public sealed record MachineView
{
    /// <summary>The machine's id (<c>pk</c>).</summary>
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Machine type slug (<c>machine_type</c>).</summary>
    public required string MachineType { get; init; }

    /// <summary>Driver slug (<c>driver</c>).</summary>
    public required string Driver { get; init; }

    public required bool Active { get; init; }

    public required bool Initialized { get; init; }

    /// <summary>The node name or role the machine belongs on; null for any node.</summary>
    public string? Placement { get; init; }

    /// <summary>The node that runs the machine, filled in by a cluster's front-end; null on a single node.</summary>
    public string? Node { get; init; }

    /// <summary>The current status; null when the machine is not loaded.</summary>
    public MachineStatus? Status { get; init; }

    /// <summary>The status code, or -1 when the machine is not loaded (<c>status</c>).</summary>
    public int StatusCode => Status?.Code ?? -1;

    public string StatusText { get; init; } = "";

    /// <summary>The status and its text are the last known ones from before the node restarted; the driver has not reported since.</summary>
    public bool StatusIsLastKnown { get; init; }

    /// <summary>Recorded errors, oldest first (<c>machine_errors</c>).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Whether the machine's driver is registered (<c>is_driver_available</c>).</summary>
    public bool IsDriverAvailable { get; init; }

    public bool RestartRequired { get; init; }

    /// <summary>Published properties, ordered by group and key.</summary>
    public IReadOnlyList<MachineProperty> Properties { get; init; } = [];

    /// <summary>Whether the machine's type is known, so that it has an actor and a status.</summary>
    public bool IsLoaded { get; init; }

    /// <summary>Whether its machine actor runs: false while it waits to restart after a failure, or after it gave up.</summary>
    public bool IsRunning { get; init; }
}
