namespace MachineActors.Actors.Persistence.Serialization;

/// <summary>An event or snapshot could not be written or read: unregistered type, unknown manifest, too large, or bad bytes.</summary>
public sealed class PersistenceSerializationException(string message, Exception? inner = null) : Exception(message, inner);
