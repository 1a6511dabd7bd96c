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
    private int _stageInitsPending;
    private bool _loading;
    private IReadOnlyList<MachineConfig> _configsToLoad = [];
    private int _nextConfig;
    // The next batch waits for the load window (or the patience timer).
    private bool _batchWaiting;
    private List<RegistryError> _loadErrorList = [];

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
        Receive<LoadMachineBatch>(batch => batch.Generation == _generation && _loading, _ => LoadBatch());
        Receive<LoadMachineBatch>(_ => { });
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
            var initialized = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var actor = Context.ActorOf(
                ActorProps.Create(() => new DriverActor(driver, generation, timeout, initialized)), $"driver-{driver.Slug}-{generation}");
            Context.WatchWith(actor, new DriverActorStopped(driver.Slug, generation));
            _drivers.Add(driver.Slug, new DriverEntry(driver, actor, initialized));
        }
        CompleteStage(RegistryStage.DiscoverDrivers, _drivers.Count, errors, started);
        Self.Tell(new RunStage(_generation, RegistryStage.LoadMachines), Self);
    }

    /// <summary>
    /// Stage 3: one machine actor per config owned by this node, InitDriver once per used driver, then the
    /// initialisation of every active machine, which its actor runs as it starts. The configs are started in batches,
    /// one message each, so that the machines' replies are handled between batches, and a batch waits for the load
    /// window (or the load patience); requests wait until every batch has started. The stage completes, and the
    /// registry is ready, once every initialisation has finished or failed.
    /// </summary>
    private async Task LoadMachines()
    {
        if (_options.Cluster is not null)
        {
            LoadPlacedMachines();
            return;
        }
        _loadStarted = Time.GetTimestamp();
        _loadErrorList = [];
        IReadOnlyList<MachineConfig> configs = [];
        try
        {
            var stored = await _store.LoadConfigsAndStates().ConfigureAwait(false);
            (configs, _storedStates) = (stored.Configs, stored.States);
        }
        catch (Exception e)
        {
            _loadErrorList.Add(new RegistryError($"The machine configs could not be loaded: {e.Message}", RegistrySource));
        }
        _machines.EnsureCapacity(_machines.Count + configs.Count);
        Context.ReserveChildren(configs.Count);
        _configsToLoad = configs;
        _nextConfig = 0;
        _batchWaiting = false;
        Timers.Cancel(LoadPatienceKey.Instance);
        _loading = true;
        Self.Tell(new LoadMachineBatch(_generation), Self);
    }

    // How many machines ahead a batch asks for the table slot a machine will take (see MachineTable.Prefetch).
    private const int PrefetchDistance = 4;

    /// <summary>
    /// Starts the next batch: each active machine's actor initialises it as it starts (waiting for its
    /// driver's InitDriver, which the first machine of each driver set going).
    /// </summary>
    private void LoadBatch()
    {
        _batchWaiting = false;
        Timers.Cancel(LoadPatienceKey.Instance);
        var end = Math.Min(_configsToLoad.Count, _nextConfig + _options.LoadBatchSize);
        // One reading for the batch: its machines start within a few milliseconds of each other.
        var now = Time.GetUtcNow();
        for (; _nextConfig < end; _nextConfig++)
        {
            // Each insert into the table of machines misses the cache once the fleet outgrows it: ask for the slot of
            // a machine a few places ahead, so that the misses overlap with the work of adding the machines between.
            if (_nextConfig + PrefetchDistance < _configsToLoad.Count)
            {
                _machines.Prefetch(_configsToLoad[_nextConfig + PrefetchDistance].Id);
            }
            var config = _configsToLoad[_nextConfig];
            if (!_options.Owns(config.Placement))
            {
                continue;
            }
            var init = config.Active ? PendingRequest.StageInit : null;
            if (AddEntry(config, _storedStates.GetValueOrDefault(config.Id), _loadErrorList, now, init, loadIndex: _nextConfig) is { IsRunning: true } && init is not null)
            {
                _stageInitsPending++;
            }
        }
        if (_nextConfig < _configsToLoad.Count)
        {
            if (_stageInitsPending <= _options.LoadWindow)
            {
                Self.Tell(new LoadMachineBatch(_generation), Self);
            }
            else
            {
                _batchWaiting = true;
                Timers.StartSingleTimer(LoadPatienceKey.Instance, new LoadMachineBatch(_generation), _options.LoadPatience);
            }
            return;
        }
        _configsToLoad = [];
        _loading = false;
        _errors.AddRange(_loadErrorList);
        Become(Running);
        Stash.UnstashAll();
        if (_stageInitsPending == 0)
        {
            CompleteLoad();
        }
    }

    private void StageInitFinished()
    {
        if (_stageInitsPending > 0 && --_stageInitsPending == 0 && !_ready && !_loading)
        {
            CompleteLoad();
        }
        if (_batchWaiting && _stageInitsPending <= _options.LoadWindow)
        {
            _batchWaiting = false;
            Timers.Cancel(LoadPatienceKey.Instance);
            Self.Tell(new LoadMachineBatch(_generation), Self);
        }
    }

    private sealed record LoadPatienceKey
    {
        public static readonly LoadPatienceKey Instance = new();
    }

    private void CompleteLoad()
    {
        _ready = true;
        var duration = Time.GetElapsedTime(_loadStarted);
        Publish(new RegistryStageCompleted(_generation, RegistryStage.LoadMachines, _machines.Count, _loadErrorList.Count, duration));
        var initialized = _initializedMachines;
        Publish(new RegistryReady(
            _generation, _machineTypes.Count, _drivers.Count, _machines.Count, initialized, _errors.Count, Time.GetElapsedTime(_generationStarted)));
        foreach (var waiter in _reloadWaiters)
        {
            Reply(waiter, new RegistryReloaded(_generation));
        }
        _reloadWaiters.Clear();
        // Machines are initialised now: queued print jobs may run.
        StartPrintQueuesIfPersistent();
    }

    private void CompleteStage(RegistryStage stage, int count, List<RegistryError> errors, long started)
    {
        _errors.AddRange(errors);
        Publish(new RegistryStageCompleted(_generation, stage, count, errors.Count, Time.GetElapsedTime(started)));
    }
}
