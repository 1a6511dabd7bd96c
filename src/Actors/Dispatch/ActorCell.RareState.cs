using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    private RareState Rare => _rare ??= new RareState();

    /// <summary>A cell's state that most actors never need: death watch, a failure being handled, a receive timeout, unstashed messages.</summary>
    private sealed class RareState
    {
        public DeathWatchState? DeathWatch;
        public FailureState? Failure;
        public ReceiveTimeoutState? ReceiveTimeout;
        public List<PendingMessage>? Prepended;
    }
}
