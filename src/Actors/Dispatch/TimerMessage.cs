namespace MachineActors.Actors.Dispatch;

/// <summary>A timer's message in the mailbox, tagged so stale ones can be dropped on dequeue.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : INotInfluenceReceiveTimeout;
