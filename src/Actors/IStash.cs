namespace MachineActors.Actors;

/// <summary>
/// Messages set aside to be processed later. Unstashed messages go in front of the mailbox in
/// their original order. On restart the stash is returned to the mailbox for the next incarnation;
/// on stop it goes to dead letters.
/// </summary>
public interface IStash
{
    int Count { get; }

    /// <summary>Sets the message being processed aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    void UnstashAll();

    void UnstashAll(Func<object, bool> predicate);

    /// <summary>Drops every stashed message and returns them.</summary>
    IReadOnlyList<PendingMessage> ClearStash();
}
