namespace MachineActors.Actors;

public static class PipeToExtensions
{
    /// <summary>
    /// Sends the task's result to <paramref name="recipient"/> when it completes: the value (or what
    /// <paramref name="success"/> makes of it), or a <see cref="Status.Failure"/> (or what <paramref name="failure"/>
    /// makes of the exception). The way to bring async work back into an actor without blocking it.
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(
            completed => recipient.Tell(completed.IsCompletedSuccessfully
                ? (success is null ? completed.Result! : success(completed.Result))
                : FailureMessage(completed, failure), sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public static Task PipeTo(this Task task, IActorRef recipient, object successMessage, IActorRef? sender = null,
        Func<Exception, object>? failure = null) =>
        task.ContinueWith(
            completed => recipient.Tell(completed.IsCompletedSuccessfully ? successMessage : FailureMessage(completed, failure), sender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static object FailureMessage(Task completed, Func<Exception, object>? failure)
    {
        Exception cause = completed.IsCanceled
            ? new TaskCanceledException(completed)
            : completed.Exception!.InnerExceptions.Count == 1 ? completed.Exception.InnerException! : completed.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
