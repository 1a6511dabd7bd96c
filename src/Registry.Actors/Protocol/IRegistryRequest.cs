namespace MachineActors.Registry;

/// <summary>
/// A request to the registry actor. Each has one typed reply, or <see cref="MachineActors.Actors.Status.Failure"/>
/// with a <see cref="RegistryOperationException"/>; requests that arrive while the registry (re)loads wait until its
/// machines are loaded.
/// </summary>
public interface IRegistryRequest;
