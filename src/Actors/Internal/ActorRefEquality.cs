namespace MachineActors.Actors.Internal;

/// <summary>Reference equality as in Akka: same path and same incarnation uid.</summary>
public static class ActorRefEquality
{
    public static bool Equals(IActorRef self, IActorRef? other) =>
        other is not null && (ReferenceEquals(self, other) || (self.Path.Uid == other.Path.Uid && self.Path.Equals(other.Path)));

    public static int GetHashCode(IActorRef self) => HashCode.Combine(self.Path.Uid, self.Path.Name);
}
