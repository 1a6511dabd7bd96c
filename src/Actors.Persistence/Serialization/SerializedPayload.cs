namespace MachineActors.Actors.Persistence.Serialization;

/// <summary>What a store keeps for an event or snapshot: its manifest and its UTF-8 JSON bytes.</summary>
public readonly record struct SerializedPayload(string Manifest, byte[] Bytes);
