using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private void ReceiveChanges()
    {
        RequestAsync<AddMachine>(Add);
        RequestAsync<UpdateMachineConfig>(Update);
        RequestAsync<RemoveMachine>(Remove);
        RequestAsync<SetMachineSetting>(SetSetting);
        Request<RestartMachine>(Restart);
        Request<CallMachineFunction>(Call);
        Request<ReloadRegistry>(Reload);
    }

    private Func<MachineEntry, object?, object> MachineReply => (entry, _) => new MachineResult(View(entry));

    private async Task Add(AddMachine request, IActorRef replyTo)
    {
        var name = ValidName(request.Name, null);
        var id = request.Id ?? Guid.NewGuid();
        if (_machines.ContainsKey(id))
        {
            throw Invalid($"A machine with id {id} already exists");
        }
        if (request.MachineType is null || !_machineTypes.TryGetValue(request.MachineType, out var type))
        {
            throw Invalid($"Machine type '{request.MachineType}' not found");
        }
        if (string.IsNullOrWhiteSpace(request.Driver))
        {
            throw Invalid("A machine needs a driver");
        }
        if (!Slugs.IsValid(request.Driver))
        {
            // An unknown driver is kept (it may be installed later); a name no driver can have is a mistake.
            throw Invalid($"Driver '{request.Driver}' is not a driver slug ({Slugs.Pattern})");
        }
        var config = new MachineConfig
        {
            Id = id,
            Name = name,
            MachineTypeSlug = type.Slug,
            DriverSlug = request.Driver,
            Active = request.Active,
            Placement = PlacementOf(request.Placement),
        };
        config = WithSettings(config, type, request.Settings);
        await Store(() => _store.Add(config)).ConfigureAwait(false);
        if (_options.Cluster is not null)
        {
            await AddPlaced(config, replyTo).ConfigureAwait(false);
            return;
        }
        if (!_options.Owns(config.Placement))
        {
            Reply(replyTo, new MachineResult(ViewOf(new MachineRecord(config, new()), _drivers.ContainsKey(config.DriverSlug), false, false)));
            return;
        }
        var init = new PendingRequest(replyTo, MachineReply, failsOnDriverError: false, isStageInit: false);
        // The id was free when the request arrived, and the actor takes no other request while this one runs.
        var entry = AddEntry(config, _storedStates.GetValueOrDefault(config.Id), _errors, Time.GetUtcNow(), init)!;
        if (!entry.IsRunning || !config.Active)
        {
            Reply(replyTo, new MachineResult(View(entry)));
        }
    }

    private async Task Update(UpdateMachineConfig request, IActorRef replyTo)
    {
        var entry = Find(request.Id);
        var old = entry.Config;
        var config = old;
        if (request.Name is { } name)
        {
            config = config with { Name = ValidName(name, entry.Id) };
        }
        if (request.Active is { } active)
        {
            config = config with { Active = active };
        }
        if (request.Placement is { } placement)
        {
            config = config with { Placement = PlacementOf(placement) };
        }
        config = WithSettings(config, entry.Type, request.Settings ?? []);
        if (config == old)
        {
            Reply(replyTo, new MachineResult(View(entry)));
            return;
        }
        await Store(() => _store.Update(config)).ConfigureAwait(false);
        ApplyConfigChange(entry, config, replyTo, MachineReply);
    }

    private async Task Remove(RemoveMachine request, IActorRef replyTo)
    {
        var entry = Find(request.Id);
        await Store(() => _store.Remove(entry.Id)).ConfigureAwait(false);
        if (_placed.TryGetValue(entry.Id, out var placed))
        {
            // No longer listed: its lease goes back once it has stopped, and nobody asks for it again.
            Release(entry.Id, placed, drain: false, "removed");
        }
        else
        {
            Unload(entry, "removed");
        }
        Reply(replyTo, new MachineRemoved(entry.Id));
    }

    private async Task SetSetting(SetMachineSetting request, IActorRef replyTo)
    {
        var entry = Find(request.Id);
        var definition = Definition(entry, request.Type, request.Key);
        var value = Parse(request.Value, definition);
        var config = entry.Config.WithSetting(request.Type, definition.Key, value);
        await Store(() => _store.SetSetting(entry.Id, request.Type, definition.Key, value)).ConfigureAwait(false);
        ApplyConfigChange(entry, config, replyTo, (e, _) => new SettingResult(e.Id, SettingViewOf(e.Config, request.Type, definition)));
    }

    /// <summary>
    /// Takes a stored config change: a running machine gets it with its old state (its driver's UpdateMachine runs,
    /// then a change of Active initialises or de-initialises it); a machine without a running actor just keeps it.
    /// </summary>
    private void ApplyConfigChange(MachineEntry entry, MachineConfig config, IActorRef replyTo, Func<MachineEntry, object?, object> reply)
    {
        var old = entry.Record;
        entry.Config = config;
        if (old.Config.Name != config.Name)
        {
            _names.Rename(entry, old.Config.Name, config.Name);
        }
        if (_options.Cluster is not null && _placed.TryGetValue(entry.Id, out var placed))
        {
            // A catalog read that started before this change cannot judge the new placement.
            placed.Placement = config.Placement;
            placed.SinceRead = _catalogReads;
            if (!IsEligible(config.Placement))
            {
                Reply(replyTo, reply(entry, null));
                Release(entry.Id, placed, drain: true, "moved to another node");
                return;
            }
        }
        else if (!_options.Owns(config.Placement))
        {
            Unload(entry, "moved to another node");
            Reply(replyTo, reply(entry, null));
            return;
        }
        if (!entry.IsRunning)
        {
            Reply(replyTo, reply(entry, null));
            return;
        }
        var oldState = old.ToMachineState(entry.Type!.DefaultStatus);
        Send(entry, id => new ApplyConfig(id, config, oldState), replyTo, reply, failsOnDriverError: false);
    }

    private void Restart(RestartMachine request, IActorRef replyTo)
    {
        var entry = Find(request.Id);
        var config = entry.Config;
        if (entry.Type is not { } type)
        {
            throw Invalid($"Machine '{config.Name}' is not loaded: machine type '{config.MachineTypeSlug}' not found");
        }
        entry.Failures = 0;
        if (entry.IsRunning)
        {
            Send(entry, static id => new ResetAndRestart(id), replyTo, MachineReply, failsOnDriverError: false);
            return;
        }
        if (entry.Actor is not null)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"Machine '{config.Name}' is stopping after a failure; try again");
        }
        // Its actor stopped after failing: start it afresh, which initialises it instead of calling RestartMachine.
        Timers.Cancel(new RestartTimerKey(entry.Id));
        SetState(entry, entry.State with { Errors = [], Status = type.DefaultStatus, StatusText = "", RestartRequired = false, Initialized = false });
        var init = config.Active ? new PendingRequest(replyTo, MachineReply, failsOnDriverError: false, isStageInit: false) : null;
        StartMachineActor(entry, Time.GetUtcNow(), init);
        if (init is null)
        {
            Reply(replyTo, new MachineResult(View(entry)));
        }
    }

    private void Call(CallMachineFunction request, IActorRef replyTo)
    {
        var entry = Find(request.Id);
        if (!entry.IsRunning)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"Machine '{entry.Config.Name}' is not running");
        }
        if (entry.Driver is null)
        {
            throw Invalid($"Machine '{entry.Config.Name}' has no usable driver");
        }
        var function = request.Function ?? "";
        var arguments = request.Arguments ?? new Dictionary<string, object?>();
        Send(
            entry,
            id => new CallFunction(id, function, arguments),
            replyTo,
            (e, result) => new MachineFunctionResult(e.Id, function, result),
            failsOnDriverError: true);
    }

    private string ValidName(string? name, Guid? self)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw Invalid("A machine needs a name");
        }
        var trimmed = name.Trim();
        if (_names.Holder(trimmed) is { } holder && holder.Id != self)
        {
            throw Invalid($"A machine named '{trimmed}' already exists");
        }
        return trimmed;
    }

    private static string? PlacementOf(string? placement) => string.IsNullOrWhiteSpace(placement) ? null : placement.Trim();

    /// <summary>Applies setting changes, each validated against its declaration; any bad one fails the whole request.</summary>
    private MachineConfig WithSettings(MachineConfig config, RegisteredMachineType? type, IReadOnlyList<SettingChange> changes)
    {
        foreach (var change in changes)
        {
            var catalog = change.Type switch
            {
                SettingConfigType.Machine => type?.Settings,
                SettingConfigType.Driver => _drivers.GetValueOrDefault(config.DriverSlug)?.Registered.Settings,
                _ => null,
            };
            var definition = catalog?.Find(change.Key ?? "")
                ?? throw Invalid($"Setting {change.Key} ({change.Type.ToCode()}) is not declared for machine type '{config.MachineTypeSlug}' and driver '{config.DriverSlug}'");
            config = config.WithSetting(change.Type, definition.Key, Parse(change.Value, definition));
        }
        return config;
    }

    private static object? Parse(object? value, SettingDefinition definition)
    {
        var parsed = SettingValue.Parse(value, definition);
        return parsed.IsValid ? parsed.Value : throw Invalid($"Invalid value for setting {definition.Key}: {parsed.Error}");
    }

    private static async Task Store(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw new RegistryOperationException(RegistryErrorKind.StoreFailure, $"The config store failed: {e.Message}", e);
        }
    }

    private static RegistryOperationException Invalid(string message) => new(RegistryErrorKind.InvalidArgument, message);
}
