using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private void ReceiveRequests()
    {
        Request<GetMachines>((request, replyTo) => Reply(replyTo, new MachinesResult([.. _machines.Values
            .Where(entry => request.Filter.Matches(entry.Record))
            .OrderBy(entry => entry.Config.Name, StringComparer.Ordinal)
            .Select(View)])));
        Request<GetMachine>((request, replyTo) => Reply(replyTo, new MachineResult(View(Find(request.Id)))));
        Request<GetMachineSettings>((request, replyTo) =>
        {
            var entry = Find(request.Id);
            var config = entry.Config;
            var settings = Catalog(entry, SettingConfigType.Machine).All.Select(definition => SettingViewOf(config, SettingConfigType.Machine, definition))
                .Concat(Catalog(entry, SettingConfigType.Driver).All.Select(definition => SettingViewOf(config, SettingConfigType.Driver, definition)));
            Reply(replyTo, new SettingsResult(entry.Id, [.. settings]));
        });
        Request<GetMachineSetting>((request, replyTo) =>
        {
            var entry = Find(request.Id);
            var definition = Definition(entry, request.Type, request.Key);
            Reply(replyTo, new SettingResult(entry.Id, SettingViewOf(entry.Config, request.Type, definition)));
        });
        Request<GetRegistryStatus>((_, replyTo) => Reply(replyTo, new RegistryStatusResult(_generation, _ready, [.. _errors])));
        Request<GetMachineTypes>((_, replyTo) => Reply(replyTo, new MachineTypesResult([.. _machineTypes.Values.Select(TypeView)])));
        Request<GetDrivers>((request, replyTo) => Reply(replyTo, new DriversResult([.. _drivers.Values
            .Where(driver => request.MachineType is null || driver.Registered.MachineTypeSlug == request.MachineType)
            .Select(DriverViewOf)])));
        ReceiveChanges();
    }

    private void Request<T>(Action<T, IActorRef> handle)
        where T : IRegistryRequest =>
        Receive<T>(request =>
        {
            var replyTo = Sender;
            try
            {
                handle(request, replyTo);
            }
            catch (RegistryOperationException e)
            {
                replyTo.Tell(new Status.Failure(e), Self);
            }
        });

    private void RequestAsync<T>(Func<T, IActorRef, Task> handle)
        where T : IRegistryRequest =>
        ReceiveAsync<T>(async request =>
        {
            var replyTo = Sender;
            try
            {
                await handle(request, replyTo).ConfigureAwait(false);
            }
            catch (RegistryOperationException e)
            {
                replyTo.Tell(new Status.Failure(e), Self);
            }
        });

    /// <summary>
    /// The machine this registry runs. In a cluster a machine it does not run is <see cref="RegistryErrorKind.NotHeld"/>, not
    /// NotFound: it may exist and be starting, stopping or running elsewhere (the catalog, not this node, knows).
    /// </summary>
    private MachineEntry Find(Guid id) =>
        _machines.GetValueOrDefault(id) ?? throw (_options.Cluster is null
            ? new RegistryOperationException(RegistryErrorKind.NotFound, $"Machine {id} not found")
            : new RegistryOperationException(RegistryErrorKind.NotHeld, $"Machine {id} does not run on node '{_options.NodeName}' at the moment"));

    private SettingCatalog Catalog(MachineEntry entry, SettingConfigType type) => type switch
    {
        SettingConfigType.Machine => entry.Type?.Settings ?? SettingCatalog.Empty,
        SettingConfigType.Driver => _drivers.GetValueOrDefault(entry.Config.DriverSlug)?.Registered.Settings ?? SettingCatalog.Empty,
        _ => throw new RegistryOperationException(RegistryErrorKind.InvalidArgument, $"Unknown setting config type {(int)type}"),
    };

    private SettingDefinition Definition(MachineEntry entry, SettingConfigType type, string key) =>
        Catalog(entry, type).Find(key ?? "") ?? throw new RegistryOperationException(
            RegistryErrorKind.NotFound, $"Setting {key} ({type.ToCode()}) is not declared for machine '{entry.Config.Name}'");

    private MachineView View(MachineEntry entry) => ViewOf(entry.Record, entry.IsDriverAvailable, entry.Type is not null, entry.IsRunning);

    private static MachineView ViewOf(MachineRecord record, bool isDriverAvailable, bool isLoaded, bool isRunning)
    {
        var (config, state) = (record.Config, record.State);
        return new MachineView
        {
            Id = config.Id,
            Name = config.Name,
            MachineType = config.MachineTypeSlug,
            Driver = config.DriverSlug,
            Active = config.Active,
            Initialized = state.Initialized,
            Placement = config.Placement,
            Status = isLoaded ? state.Status : null,
            StatusText = state.StatusText,
            StatusIsLastKnown = state.StatusIsLastKnown,
            Errors = state.Errors,
            IsDriverAvailable = isDriverAvailable,
            RestartRequired = state.RestartRequired,
            Properties = [.. state.Properties.Values.OrderBy(p => p.Group ?? "", StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal)],
            IsLoaded = isLoaded,
            IsRunning = isRunning,
        };
    }

    private static SettingView SettingViewOf(MachineConfig config, SettingConfigType type, SettingDefinition definition)
    {
        var stored = config.Settings(type).GetValueOrDefault(definition.Key);
        var value = SettingValue.Mask(SettingValue.EffectiveValue(stored, definition), definition);
        return new SettingView(type, definition, value, !SettingValue.IsEmpty(stored));
    }

    private static MachineTypeView TypeView(RegisteredMachineType type) => new(
        type.Slug,
        type.Instance.Name,
        type.Instance.Description,
        type.Source,
        type.IsBuiltIn,
        type.Settings.All,
        [.. type.Statuses],
        type.DefaultStatus,
        type.ErrorStatus);

    private static DriverView DriverViewOf(DriverEntry driver)
    {
        var registered = driver.Registered;
        return new DriverView(
            registered.Slug,
            registered.Instance.Name,
            registered.Instance.Description,
            registered.MachineTypeSlug,
            registered.Source,
            registered.IsBuiltIn,
            registered.Settings.All,
            registered.Commands,
            [.. driver.Errors]);
    }
}
