namespace MachineActors.Actors.Cluster.Remote;

/// <summary>A peer broke the wire protocol (malformed frame, unknown manifest, failed handshake); its connection is dropped.</summary>
public sealed class ClusterProtocolException(string message) : Exception(message);
