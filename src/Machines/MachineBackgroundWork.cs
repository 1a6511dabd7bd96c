namespace MachineActors.Machines;

/// <summary>
/// Background work a driver runs for one machine (a status poll, a connection keeper), contained: whatever it throws is
/// recorded on the machine as an error (<see cref="IMachine.HandleError(string)"/>) instead of escaping, and it ends
/// when the machine stops (<see cref="IMachine.Stopping"/>). Use these instead of a <see cref="Thread"/>, a
/// <see cref="Timer"/> callback or an <c>async void</c> method: an exception escaping any of those ends the whole node
/// process (the .NET runtime allows no way to contain it), taking every other machine of the node with it. A task a
/// driver starts itself and never awaits does not end the process, but its exception is lost (the node only logs it).
/// </summary>
public static class MachineBackgroundWork
{
    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool with a token that is cancelled when the machine stops. If it throws
    /// (other than its cancellation), the exception is recorded on the machine as "Background work '<paramref name="name"/>'
    /// failed: ..." and the work ends. The returned task completes when the work ends and never faults.
    /// </summary>
    public static Task Run(IMachine machine, string name, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        var stopping = machine.Stopping;
        return Task.Run(async () =>
        {
            try
            {
                await work(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The machine stopped: the work ends as it should.
            }
            catch (Exception e)
            {
                Report(machine, name, e);
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="tick"/> every <paramref name="interval"/> (measured on <paramref name="time"/>, e.g. the
    /// driver's <see cref="Driver.TimeProvider"/>) until the machine stops. A tick that throws is recorded on the machine as
    /// "Background work '<paramref name="name"/>' failed: ..." and the next tick runs as planned. The returned task
    /// completes when the machine stops and never faults.
    /// </summary>
    public static Task RunPeriodically(IMachine machine, string name, TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> tick)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(tick);
        return Run(machine, name, async stopping =>
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, time, stopping).ConfigureAwait(false);
                    await tick(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Report(machine, name, e);
                }
            }
        });
    }

    private static void Report(IMachine machine, string name, Exception error)
    {
        try
        {
            machine.HandleError($"Background work '{name}' failed: {error.Message}");
        }
        catch (Exception)
        {
            // The machine is gone (stopped meanwhile); nobody is left to tell.
        }
    }
}
