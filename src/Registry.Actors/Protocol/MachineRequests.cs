using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>
/// The machines that pass <paramref name="Filter"/>, ordered by name; replies <see cref="MachinesResult"/>. With
/// <see cref="Limit"/> it is one page: the machines named after <see cref="AfterName"/> (names are unique on a node),
/// cut short so that the reply stays well under the size of one message between nodes.
/// </summary>
public sealed record GetMachines(MachineFilter Filter) : IRegistryRequest
{
    /// <summary>Initialised machines only, as InvenTree's default.</summary>
    public GetMachines()
        : this(new MachineFilter())
    {
    }

    /// <summary>The name of the last machine of the previous page; null for the first page.</summary>
    public string? AfterName { get; init; }

    /// <summary>At most this many machines; null for all of them in one reply.</summary>
    public int? Limit { get; init; }
}

/// <summary>The machines asked for; <see cref="HasMore"/> when a page was cut short and the next one follows its last name.</summary>
public sealed record MachinesResult(IReadOnlyList<MachineView> Machines)
{
    public bool HasMore { get; init; }
}

/// <summary>One machine; replies <see cref="MachineResult"/>, or NotFound.</summary>
public sealed record GetMachine(Guid Id) : IRegistryRequest;

public sealed record MachineResult(MachineView Machine);

/// <summary>
/// Creates a machine and initialises it when it is active; replies <see cref="MachineResult"/> once initialisation
/// was attempted (failures show in the machine's errors). An unknown driver is allowed (the machine shows the error);
/// an unknown machine type, a taken or blank name, or an invalid setting is InvalidArgument.
/// </summary>
public sealed record AddMachine(string Name, string MachineType, string Driver) : IRegistryRequest
{
    /// <summary>The id to use; a new one when null.</summary>
    public Guid? Id { get; init; }

    public bool Active { get; init; } = true;

    public string? Placement { get; init; }

    /// <summary>Initial setting values, validated like <see cref="SetMachineSetting"/>.</summary>
    public IReadOnlyList<SettingChange> Settings { get; init; } = [];
}

/// <summary>
/// Changes a machine's configuration; null properties stay as they are. Stored first, then the driver's UpdateMachine
/// is called with the old state, then a change of <see cref="Active"/> initialises or de-initialises the machine.
/// Replies <see cref="MachineResult"/>.
/// </summary>
public sealed record UpdateMachineConfig(Guid Id) : IRegistryRequest
{
    public string? Name { get; init; }

    public bool? Active { get; init; }

    /// <summary>A new placement; an empty string clears it.</summary>
    public string? Placement { get; init; }

    public IReadOnlyList<SettingChange> Settings { get; init; } = [];
}

/// <summary>Stops and deletes a machine; replies <see cref="MachineRemoved"/>.</summary>
public sealed record RemoveMachine(Guid Id) : IRegistryRequest;

public sealed record MachineRemoved(Guid Id);

/// <summary>
/// Clears the machine's errors, status, status text and restart-required flag, then calls the driver's
/// RestartMachine. A machine whose actor stopped after failing is started again and initialised instead.
/// Replies <see cref="MachineResult"/>.
/// </summary>
public sealed record RestartMachine(Guid Id) : IRegistryRequest;

/// <summary>A new value for one setting; an empty value removes the stored value.</summary>
public sealed record SettingChange(SettingConfigType Type, string Key, object? Value);
