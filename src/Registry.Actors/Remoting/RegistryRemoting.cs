using MachineActors.Actors.Cluster.Remote;
using MachineActors.Registry.Printing;

namespace MachineActors.Registry.Remoting;

/// <summary>
/// The registry protocol on the wire: every request a client sends to a <see cref="RegistryActor"/> on another node,
/// every reply it gets and every registry event a node may forward, each under a stable manifest; a
/// <see cref="RegistryOperationException"/> reply keeps its <see cref="RegistryOperationException.Kind"/> and message.
/// Inside these messages values typed <see cref="object"/> (setting values and defaults, command arguments and
/// results, print options, property values) keep their CLR type, enums travel by name, and what is code rather than
/// data (a setting's <see cref="Machines.SettingDefinition.Validator"/>) and computed properties stay behind.
/// </summary>
public static class RegistryRemoting
{
    /// <summary>The manifest of a <see cref="RegistryOperationException"/> failure; its code is the kind's name.</summary>
    public const string FailureManifest = "registry.operation-failed.v1";

    private static readonly IReadOnlyList<Entry> s_entries =
    [
        // Requests (IRegistryRequest) and their replies.
        Entry.Of<GetMachines>("registry.get-machines.v1"),
        Entry.Of<MachinesResult>("registry.machines.v1"),
        Entry.Of<GetMachine>("registry.get-machine.v1"),
        Entry.Of<MachineResult>("registry.machine.v1"),
        Entry.Of<AddMachine>("registry.add-machine.v1"),
        Entry.Of<UpdateMachineConfig>("registry.update-machine-config.v1"),
        Entry.Of<RemoveMachine>("registry.remove-machine.v1"),
        Entry.Of<MachineRemoved>("registry.machine-removed.v1"),
        Entry.Of<RestartMachine>("registry.restart-machine.v1"),
        Entry.Of<GetMachineSettings>("registry.get-machine-settings.v1"),
        Entry.Of<SettingsResult>("registry.settings.v1"),
        Entry.Of<GetMachineSetting>("registry.get-machine-setting.v1"),
        Entry.Of<SetMachineSetting>("registry.set-machine-setting.v1"),
        Entry.Of<SettingResult>("registry.setting.v1"),
        Entry.Of<GetRegistryStatus>("registry.get-registry-status.v1"),
        Entry.Of<RegistryStatusResult>("registry.registry-status.v1"),
        Entry.Of<GetMachineTypes>("registry.get-machine-types.v1"),
        Entry.Of<MachineTypesResult>("registry.machine-types.v1"),
        Entry.Of<GetDrivers>("registry.get-drivers.v1"),
        Entry.Of<DriversResult>("registry.drivers.v1"),
        Entry.Of<CallMachineFunction>("registry.call-machine-function.v1"),
        Entry.Of<MachineFunctionResult>("registry.machine-function-result.v1"),
        Entry.Of<ReloadRegistry>("registry.reload-registry.v1"),
        Entry.Of<RegistryReloaded>("registry.registry-reloaded.v1"),
        Entry.Of<SubmitPrintJob>("registry.submit-print-job.v1"),
        Entry.Of<PrintJobAccepted>("registry.print-job-accepted.v1"),
        Entry.Of<GetPrintJobs>("registry.get-print-jobs.v1"),
        Entry.Of<PrintJobsResult>("registry.print-jobs.v1"),
        Entry.Of<GetPrintJob>("registry.get-print-job.v1"),
        Entry.Of<PrintJobResult>("registry.print-job.v1"),
        Entry.Of<DrainPrinting>("registry.drain-printing.v1"),
        Entry.Of<PrintingDrained>("registry.printing-drained.v1"),

        // Events the registry publishes on its node's event stream, for a node that forwards them.
        Entry.Of<RegistryStageCompleted>("registry.stage-completed.v1"),
        Entry.Of<RegistryReady>("registry.ready.v1"),
        Entry.Of<MachineFailed>("registry.machine-failed.v1"),
        Entry.Of<MachineStateChangedEvent>("registry.machine-state-changed.v1"),
        Entry.Of<PrintJobUpdated>("registry.print-job-updated.v1"),
    ];

    private static readonly IReadOnlySet<Type> s_types = s_entries.Select(entry => entry.Type).ToHashSet();

    /// <summary>Every registry message type with its manifest, requests next to their replies, then the events.</summary>
    public static IReadOnlyList<KeyValuePair<Type, string>> Manifests { get; } =
        [.. s_entries.Select(entry => KeyValuePair.Create(entry.Type, entry.Manifest))];

    /// <summary>
    /// Registers the registry's messages, its failure type and its JSON rules with <paramref name="types"/>; call it
    /// once per <see cref="RemoteMessageTypes"/>, before the transport starts.
    /// </summary>
    public static RemoteMessageTypes Register(RemoteMessageTypes types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var entry in s_entries)
        {
            entry.Register(types);
        }
        types.RegisterFailure<RegistryOperationException>(FailureManifest, failure => failure.Kind.ToString(), RebuildFailure);
        types.AddConverter(WireFormat());
        return types;
    }

    /// <summary>The converter that gives the registry's messages their JSON form (see <see cref="RegistryWireFormat"/>).</summary>
    internal static System.Text.Json.Serialization.JsonConverter WireFormat() => new RegistryWireFormat(s_types);

    /// <summary>A <see cref="RegistryOperationException"/> from its kind's name; a name this node does not know is refused.</summary>
    private static RegistryOperationException RebuildFailure(string code, string message) =>
        Enum.TryParse<RegistryErrorKind>(code, out var kind) && kind.ToString() == code
            ? new RegistryOperationException(kind, message)
            : throw new FormatException($"'{code}' is not a registry error kind this node knows.");

    private sealed record Entry(Type Type, string Manifest, Action<RemoteMessageTypes> Register)
    {
        public static Entry Of<T>(string manifest) => new(typeof(T), manifest, types => types.Register<T>(manifest));
    }
}
