using System.Globalization;
using MachineActors.Registry.Actors;

namespace MachineActors.Registry;

/// <summary>
/// Driver calls that block their thread. A call that returns a task is ended at its timeout (its token is cancelled and
/// the call abandoned), but one that never returns holds the machine actor's thread, so its machine would stay
/// "initialising" for good without a word. The registry looks for such calls a few times per call timeout and gives
/// the blocked incarnation up: the failure is recorded on the machine ("... blocks its thread") and the machine is
/// started again with backoff like any failed machine (each blocked start costs one thread until the driver returns;
/// after <see cref="RegistryOptions.MaxMachineRestarts"/> it stays stopped with its errors).
/// </summary>
public sealed partial class RegistryActor
{
    private const string BlockedCallCheckKey = "blocked-call-check";

    private void StartBlockedCallChecks()
    {
        var period = TimeSpan.FromTicks(Math.Clamp(_options.DriverCallTimeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(1).Ticks));
        Timers.StartPeriodicTimer(BlockedCallCheckKey, CheckBlockedCalls.Instance, period);
    }

    private void OnCheckBlockedCalls()
    {
        List<(MachineEntry Entry, string Call, TimeSpan Timeout)>? blocked = null;
        foreach (var entry in _machines.Values)
        {
            if (entry.IsRunning && entry.Setup?.CallWatch.Blocked(Time) is { } call)
            {
                (blocked ??= []).Add((entry, call.Call, call.Timeout));
            }
        }
        foreach (var (entry, call, timeout) in blocked ?? [])
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            RecordFailure(entry, $"{call} did not complete within {seconds} s and blocks its thread; the machine is started again without it", entry.State);
            // The stop takes effect whenever the driver gives the thread back; its late reports carry a stale incarnation.
            Context.Stop(entry.Actor!);
            OnMachineActorStopped(new MachineActorStopped(entry.Id, entry.Incarnation));
        }
    }

    private sealed record CheckBlockedCalls
    {
        public static readonly CheckBlockedCalls Instance = new();
    }
}
