using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry.Actors;
using MachineActors.Registry.Cluster;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private void ReceiveRequests()
    {
        Request<GetMachines>((request, replyTo) => Reply(replyTo, Machines(request)));
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

    private MachineEntry Find(Guid id) => _machines.GetValueOrDefault(id) ?? throw NotRunningHere(id);

    /// <summary>
    /// A single node does not know the machine. A cluster node is asked about a machine only because the catalog lists
    /// it with this node's lease (the front-end checked): when it does not run it, the machine is starting here, being
    /// handed over, or has just moved, so the request may be tried again (Unavailable), never answered as not found.
    /// </summary>
    private RegistryOperationException NotRunningHere(Guid id)
    {
        if (_options.Cluster is null)
        {
            return new RegistryOperationException(RegistryErrorKind.NotFound, $"Machine {id} not found");
        }
        var why = _placed.GetValueOrDefault(id)?.Phase switch
        {
            PlacedPhase.Acquiring or PlacedPhase.Loading => "is starting on",
            PlacedPhase.Draining or PlacedPhase.Stopping => "is being handed over by",
            _ => "does not run on",
        };
        return new RegistryOperationException(RegistryErrorKind.Unavailable, $"Machine {id} {why} node '{_options.NodeName}'; try again");
    }

    private SettingCatalog Catalog(MachineEntry entry, SettingConfigType type) => type switch
    {
        SettingConfigType.Machine => entry.Type?.Settings ?? SettingCatalog.Empty,
        SettingConfigType.Driver => _drivers.GetValueOrDefault(entry.Config.DriverSlug)?.Registered.Settings ?? SettingCatalog.Empty,
        _ => throw new RegistryOperationException(RegistryErrorKind.InvalidArgument, $"Unknown setting config type {(int)type}"),
    };

    private SettingDefinition Definition(MachineEntry entry, SettingConfigType type, string key) =>
        Catalog(entry, type).Find(key ?? "") ?? throw new RegistryOperationException(
            RegistryErrorKind.NotFound, $"Setting {key} ({type.ToCode()}) is not declared for machine '{entry.Config.Name}'");

    private MachinesResult Machines(GetMachines request)
    {
        var matching = _machines.Values.Where(entry => request.Filter.Matches(entry.Record)
            && (request.AfterName is not { } after || string.CompareOrdinal(entry.Config.Name, after) > 0));
        var ordered = matching.OrderBy(entry => entry.Config.Name, StringComparer.Ordinal).Select(View);
        return request.Limit is { } limit ? MachinePage.Of(ordered, Math.Max(1, limit)) : new MachinesResult([.. ordered]);
    }

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
