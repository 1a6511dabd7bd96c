using System.Globalization;
using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>Runs one driver call on the thread pool with a timeout and a cancellation token.</summary>
internal static class DriverCall
{
    /// <summary>
    /// Runs <paramref name="call"/>; its token is cancelled after <paramref name="timeout"/>, and the call is abandoned
    /// then even if it ignores the token (running it on the pool also covers drivers that block before returning a
    /// task). Anything it throws, and the timeout, become a <see cref="DriverCallException"/>, except
    /// <see cref="MachineCommandException"/>, which is the caller's fault and passes through.
    /// </summary>
    public static async Task<T> Run<T>(string callName, Func<CancellationToken, Task<T>> call, TimeSpan timeout, TimeProvider time)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        var task = Task.Run(() => call(timeoutSource.Token), CancellationToken.None);
        try
        {
            return await task.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (MachineCommandException)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            throw new DriverCallException(callName, $"{callName} did not complete within {Seconds(timeout)}", null);
        }
        catch (Exception e)
        {
            throw new DriverCallException(callName, e.Message, e);
        }
    }

    public static Task Run(string callName, Func<CancellationToken, Task> call, TimeSpan timeout, TimeProvider time) =>
        Run<object?>(callName, async token =>
        {
            await call(token).ConfigureAwait(false);
            return null;
        }, timeout, time);

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
