namespace MachineActors.Registry.Actors;

/// <summary>Registry to driver actor: run the driver's InitDriver (once; later asks get the first outcome).</summary>
internal sealed record InitDriver
{
    public static readonly InitDriver Instance = new();
}

/// <summary>Driver actor to registry: InitDriver finished; <paramref name="Error"/> is null on success.</summary>
internal sealed record DriverInitialized(string Slug, int Generation, string? Error);

/// <summary>Delivered to the registry when a driver actor has stopped.</summary>
internal sealed record DriverActorStopped(string Slug, int Generation);
