namespace MachineActors.Actors;

public interface IActorRefFactory
{
    /// <summary>Creates an actor; returns at once, the constructor runs on the new actor's mailbox.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    ActorSelection ActorSelection(string path);
}
