using System.Globalization;
using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>Runs one driver call with a timeout and a cancellation token.</summary>
/// <remarks>
/// The call runs inline; only a call that has not finished when it returns gets a timer, due when the timeout has
/// passed since the call started (<c>startedAt</c>, a timestamp of the given clock the caller has just read), which cancels its token. The call is abandoned then even if it ignores the token.
/// A call that blocks past its timeout before returning counts as timed out too. Anything a call throws, and the
/// timeout, become a <see cref="DriverCallException"/>, except <see cref="MachineCommandException"/>, which is the
/// caller's fault and passes through. A <c>fence</c> token, when given, ends calls too: once it is cancelled (the node
/// lost the machine's lease) no call starts, and a call still running is cancelled and abandoned at once.
/// </remarks>
internal static class DriverCall
{
    public static async Task<T> Run<T>(
        string callName, Func<CancellationToken, Task<T>> call, TimeSpan timeout, TimeProvider time, long startedAt, CancellationToken fence = default)
    {
        var started = startedAt;
        ThrowIfFenced(callName, fence);
        using var cancellation = TokenSource(fence);
        try
        {
            var task = call(cancellation.Token);
            if (task.IsCompleted)
            {
                ThrowIfLate(callName, started, timeout, time);
                return await task.ConfigureAwait(false);
            }
            using var timer = ArmTimeout(cancellation, started, timeout, time);
            return await task.WaitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not MachineCommandException and not DriverCallException)
        {
            throw Translate(e, callName, cancellation, timeout, fence);
        }
    }

    public static Task Run(string callName, Func<CancellationToken, Task> call, TimeSpan timeout, TimeProvider time, long startedAt, CancellationToken fence = default) =>
        Run(callName, static (call, token) => call(token), call, timeout, time, startedAt, fence);

    /// <summary>Runs <paramref name="call"/> with <paramref name="state"/>, which saves the closure a lambda would capture.</summary>
    public static async Task Run<TState>(
        string callName, Func<TState, CancellationToken, Task> call, TState state, TimeSpan timeout, TimeProvider time, long startedAt, CancellationToken fence = default)
    {
        var started = startedAt;
        ThrowIfFenced(callName, fence);
        using var cancellation = TokenSource(fence);
        try
        {
            var task = call(state, cancellation.Token);
            if (task.IsCompleted)
            {
                ThrowIfLate(callName, started, timeout, time);
                await task.ConfigureAwait(false);
                return;
            }
            using var timer = ArmTimeout(cancellation, started, timeout, time);
            await task.WaitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not MachineCommandException and not DriverCallException)
        {
            throw Translate(e, callName, cancellation, timeout, fence);
        }
    }

    // Only a fenced call pays for a linked source.
    private static CancellationTokenSource TokenSource(CancellationToken fence) =>
        fence.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(fence) : new CancellationTokenSource();

    private static void ThrowIfFenced(string callName, CancellationToken fence)
    {
        if (fence.IsCancellationRequested)
        {
            throw Fenced(callName);
        }
    }

    private static ITimer ArmTimeout(CancellationTokenSource cancellation, long started, TimeSpan timeout, TimeProvider time)
    {
        var left = timeout - time.GetElapsedTime(started);
        return time.CreateTimer(static state => Cancel((CancellationTokenSource)state!), cancellation, left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private static void Cancel(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished while the timer fired.
        }
    }

    private static void ThrowIfLate(string callName, long started, TimeSpan timeout, TimeProvider time)
    {
        if (time.GetElapsedTime(started) >= timeout)
        {
            throw TimedOut(callName, timeout);
        }
    }

    private static DriverCallException Translate(Exception e, string callName, CancellationTokenSource cancellation, TimeSpan timeout, CancellationToken fence) =>
        e is OperationCanceledException && cancellation.IsCancellationRequested
            ? fence.IsCancellationRequested ? Fenced(callName) : TimedOut(callName, timeout)
            : new DriverCallException(callName, e.Message, e);

    // Like a time-out, the outcome is unknown (a print may have reached the printer), so it carries no inner exception.
    private static DriverCallException Fenced(string callName) =>
        new(callName, $"{callName} was cancelled: this node no longer holds the machine's lease", null);

    private static DriverCallException TimedOut(string callName, TimeSpan timeout) =>
        new(callName, $"{callName} did not complete within {Seconds(timeout)}", null);

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
