using MachineActors.Actors;

namespace MachineActors.Registry.Actors;

/// <summary>
/// A request for a machine actor, waiting for its answer. <see cref="Reply"/> builds the success reply from the
/// machine's entry and the call's result; with <see cref="FailsOnDriverError"/> a driver failure is answered as an
/// error, otherwise with the success reply (the failure shows in the machine's errors).
/// </summary>
internal sealed class PendingRequest(IActorRef? replyTo, Func<MachineEntry, object?, object>? reply, bool failsOnDriverError, bool isStageInit)
{
    /// <summary>Set when the request is sent to the actor.</summary>
    public long Id { get; set; }

    /// <summary>The incarnation it was sent to.</summary>
    public int Incarnation { get; set; }

    public IActorRef? ReplyTo { get; } = replyTo;

    public Func<MachineEntry, object?, object>? Reply { get; } = reply;

    public bool FailsOnDriverError { get; } = failsOnDriverError;

    /// <summary>A stage 3 initialisation: counted towards the registry being ready, answered to nobody.</summary>
    public bool IsStageInit { get; } = isStageInit;
}
