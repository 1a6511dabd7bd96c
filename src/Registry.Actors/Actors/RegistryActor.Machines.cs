using System.Globalization;
using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Actors;
using ActorProps = MachineActors.Actors.Props;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private static readonly MachineRuntimeState s_unknownTypeState = new();

    private long _nextRequestId;
    private int _nextIncarnation;

    // How many machines of _machines have an initialised state: every state change goes through SetState.
    private int _initializedMachines;

    /// <summary>
    /// Registers a machine: finds its type and driver, records why it cannot be initialised (unknown type, unknown or
    /// incompatible driver), starts its actor when its type is known, and gets its driver's InitDriver going. Null
    /// when a machine with its id is registered already. A <paramref name="fenced"/> machine (one this node runs under
    /// a cluster lease) gets a fence that ends its driver calls when the lease is lost.
    /// </summary>
    private MachineEntry? AddEntry(
        MachineConfig config, StoredMachineState? stored, List<RegistryError> errors, DateTimeOffset now, PendingRequest? init, bool fenced = false, int loadIndex = -1)
    {
        var type = _machineTypes.GetValueOrDefault(config.MachineTypeSlug);
        var registered = _drivers.GetValueOrDefault(config.DriverSlug);
        // A machine known from before (this node restarted, or another node ran it) starts with its last known status, errors and properties.
        var state = stored is not null
            ? stored.ToRuntimeState(type?.Instance)
            : type?.InitialState ?? s_unknownTypeState;
        DriverEntry? driver = null;
        string? typeError = null;
        if (type is null)
        {
            typeError = $"Machine type '{config.MachineTypeSlug}' not found";
            state = state.WithError(typeError);
        }
        else if (registered is null)
        {
            state = state.WithError($"Driver '{config.DriverSlug}' not found");
        }
        else if (DriverValidator.CheckCompatibility(registered.Registered.Instance, type.Instance) is { } incompatible)
        {
            state = state.WithError(incompatible);
        }
        else
        {
            driver = registered;
        }
        var entry = new MachineEntry(config, state, type, driver, registered is not null)
        {
            Fence = fenced ? new CancellationTokenSource() : null,
            LoadIndex = loadIndex,
        };
        if (!_machines.TryAdd(entry))
        {
            return null;
        }
        if (typeError is not null)
        {
            errors.Add(new RegistryError(typeError, RegistrySource));
        }
        _initializedMachines += state.Initialized ? 1 : 0;
        _names.Add(config.Name, entry);
        if (type is not null)
        {
            StartMachineActor(entry, now, config.Active ? init : null);
        }
        if (driver is { InitStarted: false })
        {
            driver.InitStarted = true;
            driver.Actor.Tell(InitDriver.Instance, Self);
        }
        return entry;
    }

    private void RecordAndPublishState(MachineEntry entry, StoredMachineState state)
    {
        var id = entry.Id;
        _store.RecordState(entry.LoadIndex, id, state);
        if (Context.System.EventStream.HasSubscribers(typeof(MachineStateChangedEvent)))
        {
            Publish(new MachineStateChangedEvent(id, state.StatusCode, state.StatusText, state.Errors));
        }
    }

    /// <summary>Starts the machine's actor; with <paramref name="init"/>, the actor initialises the machine as it starts.</summary>
    private void StartMachineActor(MachineEntry entry, DateTimeOffset now, PendingRequest? init)
    {
        entry.Incarnation = ++_nextIncarnation;
        entry.Failed = false;
        entry.StartedAt = now;
        var initRequestId = 0L;
        if (init is not null)
        {
            initRequestId = ++_nextRequestId;
            entry.AddPending(initRequestId, entry.Incarnation, init);
        }
        var setup = entry.Setup = new MachineSetup(entry, entry.Config, entry.State, entry.Incarnation, _options.DriverCallTimeout, initRequestId);
        // Not watched: the actor reports its own stop from PostStop (see MachineActor), which saves a watch per machine.
        entry.Actor = Context.ActorOf(ActorProps.Create(static (MachineSetup setup) => new MachineActor(setup), setup), MachineActorName(entry.Incarnation));
    }

    // Incarnations are numbered across all machines, so the number alone names an actor uniquely.
    private static string MachineActorName(int incarnation) => string.Create(CultureInfo.InvariantCulture, $"machine-{incarnation}");

    /// <summary>The machine whose current incarnation an actor is, found from its name (rarely needed, so a scan).</summary>
    private MachineEntry? EntryOfActor(string name) =>
        name.StartsWith("machine-", StringComparison.Ordinal) && int.TryParse(name.AsSpan("machine-".Length), CultureInfo.InvariantCulture, out var incarnation)
            ? _machines.Values.FirstOrDefault(entry => entry.Incarnation == incarnation)
            : null;

    /// <summary>Stops a machine's actor and forgets the machine; its unanswered requests fail.</summary>
    private void Unload(MachineEntry entry, string why)
    {
        _machines.Remove(entry.Id);
        _initializedMachines -= entry.State.Initialized ? 1 : 0;
        _names.Remove(entry, entry.Config.Name);
        Timers.Cancel(new RestartTimerKey(entry.Id));
        if (entry.Actor is { } actor)
        {
            Context.Stop(actor);
            entry.Actor = null;
        }
        var error = new RegistryOperationException(
            RegistryErrorKind.Unavailable, $"Machine '{entry.Config.Name}' was {why} before the request was handled");
        foreach (var pending in entry.TakeAllPending())
        {
            Finish(pending, entry, null, error);
        }
    }

    /// <summary>Sends a request to the machine's actor and remembers it until the actor answers, fails or stops.</summary>
    private void Send(
        MachineEntry entry,
        Func<long, object> request,
        IActorRef? replyTo,
        Func<MachineEntry, object?, object>? reply,
        bool failsOnDriverError)
    {
        var pending = new PendingRequest(replyTo, reply, failsOnDriverError, isStageInit: false);
        if (!entry.IsRunning)
        {
            Finish(pending, entry, null, new RegistryOperationException(
                RegistryErrorKind.Unavailable, $"Machine '{entry.Config.Name}' is not running"));
            return;
        }
        var id = ++_nextRequestId;
        entry.AddPending(id, entry.Incarnation, pending);
        entry.Actor!.Tell(request(id), Self);
    }

    /// <summary>Answers a request: with <paramref name="error"/> if set, else with its success reply.</summary>
    private void Finish(PendingRequest pending, MachineEntry entry, object? result, RegistryOperationException? error)
    {
        if (pending.IsStageInit)
        {
            StageInitFinished();
        }
        pending.AfterFinish?.Invoke(entry);
        if (pending.ReplyTo is not { } replyTo)
        {
            return;
        }
        if (error is not null)
        {
            replyTo.Tell(new Status.Failure(error), Self);
        }
        else if (pending.Reply is { } reply)
        {
            replyTo.Tell(reply(entry, result), Self);
        }
    }

    private void SetState(MachineEntry entry, MachineRuntimeState state)
    {
        _initializedMachines += (state.Initialized ? 1 : 0) - (entry.State.Initialized ? 1 : 0);
        if (entry.ChangeState(state) is { } stored)
        {
            RecordAndPublishState(entry, stored);
        }
    }

    /// <summary>The entry, if the report comes from its current, healthy incarnation.</summary>
    private MachineEntry? Reporting(Guid machineId, int incarnation) =>
        _machines.TryGetValue(machineId, out var entry) && entry.Incarnation == incarnation && entry.IsRunning ? entry : null;

    private void ReceiveReports()
    {
        Receive<DriverInitialized>(OnDriverInitialized);
        Receive<DriverActorStopped>(stopped =>
        {
            if (stopped.Generation == _generation && _drivers.TryGetValue(stopped.Slug, out var driver))
            {
                driver.Complete("The driver actor stopped unexpectedly");
            }
        });
        ReceiveAsync<MachineCallCompleted>(completed => completed.DriverSettings.Count > 0, async completed =>
        {
            if (_machines.GetValueOrDefault(completed.Entry.Id) is { } entry)
            {
                await StoreDriverSettings(entry, completed.DriverSettings).ConfigureAwait(false);
            }
            OnCallCompleted(completed);
        });
        Receive<MachineCallCompleted>(OnCallCompleted);
        ReceiveAsync<MachineStateChanged>(changed => changed.DriverSettings.Count > 0, async changed =>
        {
            if (Reporting(changed.MachineId, changed.Incarnation) is { } entry)
            {
                SetState(entry, changed.State);
                await StoreDriverSettings(entry, changed.DriverSettings).ConfigureAwait(false);
            }
        });
        Receive<MachineStateChanged>(changed =>
        {
            if (Reporting(changed.MachineId, changed.Incarnation) is { } entry)
            {
                SetState(entry, changed.State);
            }
        });
        ReceiveAsync<StoreDriverSettings>(async store =>
        {
            if (_machines.GetValueOrDefault(store.MachineId) is { } entry)
            {
                await StoreDriverSettings(entry, store.Changes).ConfigureAwait(false);
            }
        });
        Receive<MachineActorStopped>(OnMachineActorStopped);
        Receive<StartMachineAgain>(OnStartMachineAgain);
        Receive<CheckBlockedCalls>(_ => OnCheckBlockedCalls());
    }

    private void OnDriverInitialized(DriverInitialized initialized)
    {
        if (initialized.Generation == _generation && _drivers.TryGetValue(initialized.Slug, out var driver))
        {
            driver.Complete(initialized.Error);
        }
    }

    /// <summary>A completion of a request still pending: an unloaded entry has no pending requests left.</summary>
    private void OnCallCompleted(MachineCallCompleted completed)
    {
        var entry = completed.Entry;
        if (entry.TakePending(completed.RequestId) is not { } pending)
        {
            return;
        }
        // A report from an incarnation that has failed since is older than the state its failure carried.
        if (entry.Incarnation == completed.Incarnation && entry.IsRunning)
        {
            SetState(entry, completed.State);
        }
        Finish(pending, entry, completed.Result, completed.Error);
    }

    /// <summary>Stores settings the driver changed, then hands the machine the config as stored.</summary>
    private async Task StoreDriverSettings(MachineEntry entry, IReadOnlyList<SettingChange> changes)
    {
        foreach (var change in changes)
        {
            try
            {
                await _store.SetSetting(entry.Id, change.Type, change.Key, change.Value).ConfigureAwait(false);
                entry.Config = entry.Config.WithSetting(change.Type, change.Key, change.Value);
            }
            catch (Exception e)
            {
                Publish(new MachineActors.Actors.Event.Error(
                    e, Self.Path.ToString(), typeof(RegistryActor), $"Setting {change.Key} of machine {entry.Id} could not be stored: {e.Message}"));
            }
        }
        if (entry.IsRunning)
        {
            entry.Actor!.Tell(new SyncConfig(entry.Config), Self);
        }
    }
}
