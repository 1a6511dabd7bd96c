namespace MachineActors.Registry;

/// <summary>The three stages the registry runs when it starts or reloads.</summary>
public enum RegistryStage
{
    /// <summary>Find and validate the machine types.</summary>
    DiscoverMachineTypes = 1,

    /// <summary>Find and validate the drivers; start one driver actor per driver.</summary>
    DiscoverDrivers = 2,

    /// <summary>Start one machine actor per machine config, initialise the used drivers, then the machines.</summary>
    LoadMachines = 3,
}
