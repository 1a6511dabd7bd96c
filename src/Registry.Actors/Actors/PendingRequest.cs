namespace MachineActors.Registry.Actors;

/// <summary>
/// A request sent to a machine actor, waiting for its answer. <paramref name="Reply"/> builds the success reply
/// from the machine's entry and the call's result; with <paramref name="FailsOnDriverError"/> a driver failure is
/// answered as an error, otherwise with the success reply (the failure shows in the machine's errors).
/// </summary>
internal sealed record PendingRequest(
    Guid MachineId,
    int Incarnation,
    MachineActors.Actors.IActorRef? ReplyTo,
    Func<MachineEntry, object?, object>? Reply,
    bool FailsOnDriverError,
    bool IsStageInit);
