namespace MachineActors.Actors.Cluster.Remote;

/// <summary>Who is at the other end of a connection: its system address and the uid of its running incarnation.</summary>
internal sealed record PeerIdentity(Address Address, long SystemUid);
