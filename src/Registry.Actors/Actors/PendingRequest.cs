using MachineActors.Actors;

namespace MachineActors.Registry.Actors;

/// <summary>
/// What to do when a request for a machine actor is answered. <see cref="Reply"/> builds the success reply from the
/// machine's entry and the call's result; with <see cref="FailsOnDriverError"/> a driver failure is answered as an
/// error, otherwise with the success reply (the failure shows in the machine's errors). Immutable, so requests that
/// answer nobody share an instance; the entry keeps each request's id and incarnation.
/// </summary>
internal sealed class PendingRequest(IActorRef? replyTo, Func<MachineEntry, object?, object>? reply, bool failsOnDriverError, bool isStageInit)
{
    /// <summary>A stage 3 initialisation.</summary>
    public static readonly PendingRequest StageInit = new(null, null, failsOnDriverError: false, isStageInit: true);

    /// <summary>An initialisation nobody waits for (a restart after a failure).</summary>
    public static readonly PendingRequest Unanswered = new(null, null, failsOnDriverError: false, isStageInit: false);

    public IActorRef? ReplyTo { get; } = replyTo;

    public Func<MachineEntry, object?, object>? Reply { get; } = reply;

    public bool FailsOnDriverError { get; } = failsOnDriverError;

    /// <summary>A stage 3 initialisation: counted towards the registry being ready, answered to nobody.</summary>
    public bool IsStageInit { get; } = isStageInit;

    /// <summary>Runs when the request is finished, however it ended (a cluster registry opens a machine's print queue once its initialisation was attempted).</summary>
    public Action<MachineEntry>? AfterFinish { get; init; }
}
