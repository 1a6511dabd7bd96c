using MachineActors.Registry.Actors;
using MachineActors.Registry.Discovery;
using ActorProps = MachineActors.Actors.Props;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private int _generation;
    private bool _ready;
    private long _generationStarted;
    private long _loadStarted;
    private int _loadErrors;
    private int _stageInitsPending;

    private void BeginGeneration()
    {
        _generation++;
        _ready = false;
        _generationStarted = Time.GetTimestamp();
        Self.Tell(new RunStage(_generation, RegistryStage.DiscoverMachineTypes), Self);
    }

    private void ReceiveStages()
    {
        Receive<RunStage>(IsCurrent(RegistryStage.DiscoverMachineTypes), _ => DiscoverMachineTypes());
        Receive<RunStage>(IsCurrent(RegistryStage.DiscoverDrivers), _ => DiscoverDrivers());
        ReceiveAsync<RunStage>(IsCurrent(RegistryStage.LoadMachines), _ => LoadMachines());
        Receive<RunStage>(_ => { });
    }

    private Predicate<RunStage> IsCurrent(RegistryStage stage) => run => run.Generation == _generation && run.Stage == stage;

    /// <summary>Stage 1: load the plugins and register every valid machine type.</summary>
    private void DiscoverMachineTypes()
    {
        var started = Time.GetTimestamp();
        var errors = new List<RegistryError>();
        try
        {
            _plugins = PluginSet.Load(_options);
            errors.AddRange(_plugins.Errors);
            _machineTypes = TypeDiscovery.MachineTypes(_plugins.Assemblies, errors);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new RegistryError($"The plugins folder could not be read: {e.Message}", RegistrySource));
        }
        CompleteStage(RegistryStage.DiscoverMachineTypes, _machineTypes.Count, errors, started);
        Self.Tell(new RunStage(_generation, RegistryStage.DiscoverDrivers), Self);
    }

    /// <summary>Stage 2: register every valid driver and start its actor.</summary>
    private void DiscoverDrivers()
    {
        var started = Time.GetTimestamp();
        var errors = new List<RegistryError>();
        var drivers = TypeDiscovery.Drivers(_plugins?.Assemblies ?? [], _machineTypes.Values, errors);
        var generation = _generation;
        var timeout = _options.DriverCallTimeout;
        foreach (var driver in drivers.Values)
        {
            var actor = Context.ActorOf(ActorProps.Create(() => new DriverActor(driver, generation, timeout)), $"driver-{driver.Slug}-{generation}");
            Context.WatchWith(actor, new DriverActorStopped(driver.Slug, generation));
            _drivers.Add(driver.Slug, new DriverEntry(driver, actor));
        }
        CompleteStage(RegistryStage.DiscoverDrivers, _drivers.Count, errors, started);
        Self.Tell(new RunStage(_generation, RegistryStage.LoadMachines), Self);
    }

    /// <summary>
    /// Stage 3: one machine actor per config owned by this node, InitDriver once per used driver, then
    /// InitializeMachine per active machine (each queued behind its driver's InitDriver). Requests are served from
    /// here on; the stage completes, and the registry is ready, once every initialisation has finished or failed.
    /// </summary>
    private async Task LoadMachines()
    {
        _loadStarted = Time.GetTimestamp();
        var errors = new List<RegistryError>();
        IReadOnlyList<MachineConfig> configs = [];
        try
        {
            configs = await _store.LoadAll().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            errors.Add(new RegistryError($"The machine configs could not be loaded: {e.Message}", RegistrySource));
        }
        foreach (var config in configs)
        {
            if (_options.Owns(config.Placement) && !_machines.ContainsKey(config.Id))
            {
                AddEntry(config, errors);
            }
        }
        _errors.AddRange(errors);
        _loadErrors = errors.Count;
        var toInitialize = _machines.Values.Where(entry => entry.IsRunning && entry.Record.Config.Active).ToList();
        _stageInitsPending = toInitialize.Count;
        foreach (var entry in toInitialize)
        {
            RequestInit(entry, null, null, isStageInit: true);
        }
        Become(Running);
        Stash.UnstashAll();
        if (toInitialize.Count == 0)
        {
            CompleteLoad();
        }
    }

    private void StageInitFinished()
    {
        if (_stageInitsPending > 0 && --_stageInitsPending == 0 && !_ready)
        {
            CompleteLoad();
        }
    }

    private void CompleteLoad()
    {
        _ready = true;
        var duration = Time.GetElapsedTime(_loadStarted);
        Publish(new RegistryStageCompleted(_generation, RegistryStage.LoadMachines, _machines.Count, _loadErrors, duration));
        var initialized = _machines.Values.Count(entry => entry.Record.State.Initialized);
        Publish(new RegistryReady(
            _generation, _machineTypes.Count, _drivers.Count, _machines.Count, initialized, _errors.Count, Time.GetElapsedTime(_generationStarted)));
        foreach (var waiter in _reloadWaiters)
        {
            Reply(waiter, new RegistryReloaded(_generation));
        }
        _reloadWaiters.Clear();
    }

    private void CompleteStage(RegistryStage stage, int count, List<RegistryError> errors, long started)
    {
        _errors.AddRange(errors);
        Publish(new RegistryStageCompleted(_generation, stage, count, errors.Count, Time.GetElapsedTime(started)));
    }
}
