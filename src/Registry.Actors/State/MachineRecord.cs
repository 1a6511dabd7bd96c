using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>Everything the registry knows about one machine: its configuration and its runtime state.</summary>
public sealed record MachineRecord(MachineConfig Config, MachineRuntimeState State)
{
    /// <summary>The snapshot a driver sees as the old state in <see cref="Driver.UpdateMachine"/>.</summary>
    public MachineState ToMachineState(MachineStatus fallbackStatus) => new()
    {
        Id = Config.Id,
        Name = Config.Name,
        MachineTypeSlug = Config.MachineTypeSlug,
        DriverSlug = Config.DriverSlug,
        Active = Config.Active,
        Initialized = State.Initialized,
        MachineSettings = Config.MachineSettings,
        DriverSettings = Config.DriverSettings,
        Status = State.Status ?? fallbackStatus,
        StatusText = State.StatusText,
        Properties = State.Properties,
        Errors = State.Errors,
    };
}
