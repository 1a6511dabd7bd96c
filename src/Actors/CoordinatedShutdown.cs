using MachineActors.Actors.Event;

namespace MachineActors.Actors;

/// <summary>
/// Ordered shutdown: tasks registered per phase run phase by phase (tasks of one phase run
/// concurrently, each phase bounded by <see cref="ActorSystemOptions.ShutdownPhaseTimeout"/>),
/// then the actor system stops its actors children-first. Runs once, whoever triggers it.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>Phases in the order they run, as in Akka.</summary>
    public static readonly IReadOnlyList<string> Phases =
    [
        PhaseBeforeServiceUnbind,
        PhaseServiceUnbind,
        PhaseServiceRequestsDone,
        PhaseServiceStop,
        PhaseBeforeClusterShutdown,
        PhaseClusterLeave,
        PhaseClusterShutdown,
        PhaseBeforeActorSystemTerminate,
    ];

    public const string PhaseBeforeServiceUnbind = "before-service-unbind";
    public const string PhaseServiceUnbind = "service-unbind";
    public const string PhaseServiceRequestsDone = "service-requests-done";
    public const string PhaseServiceStop = "service-stop";
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";
    public const string PhaseClusterLeave = "cluster-leave";
    public const string PhaseClusterShutdown = "cluster-shutdown";
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly Dictionary<string, List<(string Name, Func<CancellationToken, Task> Task)>> _tasks = [];
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system) => _system = system;

    /// <summary>Why the shutdown ran, once it has started.</summary>
    public string? Reason { get; private set; }

    public void AddTask(string phase, string taskName, Func<CancellationToken, Task> task)
    {
        if (!Phases.Contains(phase))
        {
            throw new ArgumentException($"Unknown shutdown phase '{phase}'.", nameof(phase));
        }
        ArgumentNullException.ThrowIfNull(task);
        lock (_tasks)
        {
            if (_run is not null)
            {
                throw new InvalidOperationException("Coordinated shutdown has already started.");
            }
            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }
            list.Add((taskName, task));
        }
    }

    /// <summary>Runs every phase, then terminates the actor system; later calls return the same task.</summary>
    public Task Run(string reason)
    {
        lock (_tasks)
        {
            if (_run is null)
            {
                Reason = reason;
                _run = Task.Run(RunPhases);
            }
            return _run;
        }
    }

    private async Task RunPhases()
    {
        foreach (var phase in Phases)
        {
            List<(string Name, Func<CancellationToken, Task> Task)> tasks;
            lock (_tasks)
            {
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            }
            if (tasks.Count > 0)
            {
                await RunPhase(phase, tasks).ConfigureAwait(false);
            }
        }
        await _system.StopGuardians().ConfigureAwait(false);
    }

    private async Task RunPhase(string phase, List<(string Name, Func<CancellationToken, Task> Task)> tasks)
    {
        using var timeout = new CancellationTokenSource(_system.Options.ShutdownPhaseTimeout, _system.TimeProvider);
        var running = tasks.Select(t => RunTask(phase, t.Name, t.Task, timeout.Token)).ToArray();
        var all = Task.WhenAll(running);
        var finished = await Task.WhenAny(all, Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token).ContinueWith(static _ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        if (finished != all)
        {
            _system.EventStream.Publish(new Warning(nameof(CoordinatedShutdown), typeof(CoordinatedShutdown),
                $"Shutdown phase '{phase}' timed out after {_system.Options.ShutdownPhaseTimeout}; going on."));
        }
    }

    private async Task RunTask(string phase, string name, Func<CancellationToken, Task> task, CancellationToken cancellationToken)
    {
        try
        {
            await task(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _system.EventStream.Publish(new Error(e, nameof(CoordinatedShutdown), typeof(CoordinatedShutdown),
                $"Shutdown task '{name}' in phase '{phase}' failed: {e.Message}"));
        }
    }
}
