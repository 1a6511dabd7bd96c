using System.Reflection;
using System.Text.Json;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Machines;
using MachineActors.Registry.Printing;
using MachineActors.Registry.Remoting;

namespace MachineActors.Registry.Tests.Remoting;

/// <summary>
/// The registry's messages in the JSON the transport writes: every registered type survives a round trip exactly, and
/// the allow-list covers the whole protocol.
/// </summary>
public sealed class RegistryWireFormatTests
{
    /// <summary>Public records of the protocol namespaces that are not client messages, and why.</summary>
    private static readonly Dictionary<Type, string> s_localOnly = new()
    {
        [typeof(RegistryOptions)] = "a node's own options: they name its assemblies and folders",
        [typeof(PrintQueueOptions)] = "part of a node's options",
        [typeof(MachineConfig)] = "held by a node's config store; clients see MachineView",
        [typeof(StoredMachines)] = "read from a node's config store",
        [typeof(MachineRecord)] = "the registry's state of one machine",
        [typeof(MachineRuntimeState)] = "the registry's state of one machine",
        [typeof(StoredMachineState)] = "held by a node's config store",
        [typeof(PersistedLabel)] = "a print queue's journal (its own manifests)",
        [typeof(PrintJobAcceptedEvent)] = "a print queue's journal",
        [typeof(PrintJobStartedEvent)] = "a print queue's journal",
        [typeof(PrintJobLabelPrintedEvent)] = "a print queue's journal",
        [typeof(PrintJobFinishedEvent)] = "a print queue's journal",
        [typeof(PrintQueueSnapshot)] = "a print queue's journal",
        [typeof(PrintJobRecord)] = "a print queue's journal",
        [typeof(PrintQueueOpened)] = "a print queue's journal",
    };

    private readonly JsonSerializerOptions _json = WireOptions();

    public static TheoryData<string> Manifests() => [.. RegistryRemoting.Manifests.Select(entry => entry.Value)];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_registered_message_survives_a_round_trip_exactly(string manifest)
    {
        var type = RegistryRemoting.Manifests.Single(entry => entry.Value == manifest).Key;
        Assert.True(RegistryMessageSamples.All().TryGetValue(type, out var sample), $"No sample of {type.Name}: add one to RegistryMessageSamples.");

        Same.Assert(sample, RoundTrip(sample));
    }

    [Fact]
    public void Values_typed_object_keep_their_CLR_type_and_value()
    {
        var call = new CallMachineFunction(RegistryMessageSamples.MachineId, "f", RegistryMessageSamples.Values);

        var back = (CallMachineFunction)RoundTrip(call);

        Same.Assert(call, back);
        Assert.IsType<bool>(back.Arguments["bool"]);
        Assert.IsType<int>(back.Arguments["int"]);
        Assert.IsType<double>(back.Arguments["whole-double"]);
        Assert.True(double.IsNaN((double)back.Arguments["nan"]!));
        Assert.IsType<JsonElement>(back.Arguments["json"]);
        Assert.Null(back.Arguments["null"]);
        Assert.Contains("\"Value\":{\"int\":3}", Write(new SetMachineSetting(Guid.Empty, SettingConfigType.Driver, "COPIES", 3)), StringComparison.Ordinal);
        Assert.Contains("\"Value\":{\"float\":2}", Write(new SetMachineSetting(Guid.Empty, SettingConfigType.Driver, "SCALE", 2.0)), StringComparison.Ordinal);
        Assert.Contains("\"Value\":null", Write(new SetMachineSetting(Guid.Empty, SettingConfigType.Driver, "SCALE", null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_value_arrives_as_a_JSON_element_holding_its_JSON()
    {
        var result = new MachineFunctionResult(Guid.Empty, "reading", new Fixtures.TypedReading(2, [2, 3]));

        var back = (MachineFunctionResult)RoundTrip(result);

        var element = Assert.IsType<JsonElement>(back.Value);
        Assert.Equal("{\"Count\":2,\"Values\":[2,3]}", element.GetRawText());
    }

    [Fact]
    public void Enums_travel_by_name_and_numbers_are_refused()
    {
        var json = Write(new GetMachineSetting(Guid.Empty, SettingConfigType.Driver, "COPIES"));

        Assert.Contains("\"Type\":\"Driver\"", json, StringComparison.Ordinal);
        Assert.Throws<JsonException>(() => Read<GetMachineSetting>(json.Replace("\"Driver\"", "68", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unknown_or_malformed_values_are_refused()
    {
        var json = Write(new SetMachineSetting(Guid.Empty, SettingConfigType.Driver, "COPIES", 3));

        Assert.Throws<JsonException>(() => Read<SetMachineSetting>(json.Replace("{\"int\":3}", "{\"pickle\":3}", StringComparison.Ordinal)));
        Assert.Throws<JsonException>(() => Read<SetMachineSetting>(json.Replace("{\"int\":3}", "3", StringComparison.Ordinal)));
        Assert.Throws<JsonException>(() => Read<SetMachineSetting>(json.Replace("{\"int\":3}", "{\"int\":3,\"bool\":true}", StringComparison.Ordinal)));
        Assert.Throws<JsonException>(() => Read<SetMachineSetting>(json.Replace("{\"int\":3}", "{\"int\":\"3\"}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validators_and_computed_properties_stay_behind()
    {
        var types = Write(RegistryMessageSamples.All()[typeof(MachineTypesResult)]);
        var machine = Write(new MachineResult(RegistryMessageSamples.View));
        var job = Write(new SubmitPrintJob(Guid.Empty, [MachineActors.Machines.Printing.Label.FromText("x")], new Dictionary<string, object?>(), null));

        Assert.DoesNotContain("Validator", types, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Range\"", types, StringComparison.Ordinal);
        Assert.DoesNotContain("StatusCode", machine, StringComparison.Ordinal);
        Assert.DoesNotContain("MediaType", job, StringComparison.Ordinal);
        Assert.Equal(100, ((MachineResult)RoundTrip(new MachineResult(RegistryMessageSamples.View))).Machine.StatusCode);
    }

    [Fact]
    public void Registry_options_do_not_cross_the_wire()
    {
        Assert.Throws<NotSupportedException>(() => Write(new ReloadRegistry(new RegistryOptions())));
        Assert.Throws<JsonException>(() => Read<ReloadRegistry>("{\"Options\":{\"NodeName\":\"elsewhere\"}}"));
        Assert.Null(((ReloadRegistry)RoundTrip(new ReloadRegistry())).Options);
    }

    [Fact]
    public void Messages_of_other_protocols_keep_their_own_form()
    {
        Assert.Equal("{\"Value\":5}", JsonSerializer.Serialize(new Foreign(5), _json));
        Assert.IsType<JsonElement>(JsonSerializer.Deserialize<Foreign>("{\"Value\":5}", _json)!.Value);
    }

    [Fact]
    public void A_registry_type_registered_again_under_another_manifest_is_refused()
    {
        var types = RegistryRemoting.Register(new RemoteMessageTypes());

        Assert.Throws<ArgumentException>(() => types.Register<GetMachines>("registry.list-machines.v2"));
        Assert.Throws<ArgumentException>(() => types.Register<Foreign>("registry.get-machines.v1"));
        Assert.Throws<ArgumentException>(() => types.RegisterFailure<RegistryOperationException>(
            "registry.failed.v2", e => e.Kind.ToString(), (_, message) => new RegistryOperationException(RegistryErrorKind.NotFound, message)));
    }

    [Fact]
    public void Manifests_are_stable_names_one_per_type()
    {
        var manifests = RegistryRemoting.Manifests;

        Assert.All(manifests, entry => Assert.Matches("^registry\\.[a-z]+(-[a-z]+)*\\.v[0-9]+$", entry.Value));
        Assert.Equal(manifests.Count, manifests.Select(entry => entry.Value).Distinct().Count());
        Assert.Equal(manifests.Count, manifests.Select(entry => entry.Key).Distinct().Count());
        var types = RegistryRemoting.Register(new RemoteMessageTypes());
        Assert.All(manifests, entry => Assert.True(types.IsAllowed(entry.Key)));
    }

    [Fact]
    public void Every_request_and_every_public_record_of_the_protocol_is_registered_or_declared_local()
    {
        var registered = RegistryRemoting.Manifests.Select(entry => entry.Key).ToHashSet();

        Assert.Empty(Uncovered(registered));
        // What a registered message carries is registered with it; only ReloadRegistry's options are local.
        Assert.Equal([typeof(RegistryOptions)], Reachable(registered).Where(s_localOnly.ContainsKey));
    }

    [Fact]
    public void The_coverage_check_catches_a_request_or_a_reply_left_unregistered()
    {
        var registered = RegistryRemoting.Manifests.Select(entry => entry.Key).ToHashSet();

        Assert.Equal([typeof(MachinesResult)], Uncovered(registered.Where(type => type != typeof(MachinesResult)).ToHashSet()));
        Assert.Equal([typeof(GetPrintJob)], Uncovered(registered.Where(type => type != typeof(GetPrintJob)).ToHashSet()));
        Assert.Equal([typeof(PrintingDrained)], Uncovered(registered.Where(type => type != typeof(PrintingDrained)).ToHashSet()));
    }

    /// <summary>The registry's options around the transport's, as <see cref="RemoteTransport"/> builds them.</summary>
    private static JsonSerializerOptions WireOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { MaxDepth = 32 };
        options.Converters.Add(RegistryRemoting.WireFormat());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Requests, and public records of the protocol namespaces, that are neither registered, nor carried inside a
    /// registered message, nor declared local.
    /// </summary>
    private static IReadOnlyList<Type> Uncovered(IReadOnlySet<Type> registered)
    {
        var reachable = Reachable(registered);
        return typeof(RegistryActor).Assembly.GetExportedTypes()
            .Where(type => !type.IsAbstract && !type.IsInterface)
            .Where(type => typeof(IRegistryRequest).IsAssignableFrom(type)
                || (type.Namespace is "MachineActors.Registry" or "MachineActors.Registry.Printing" && IsRecord(type) && !reachable.Contains(type)))
            .Where(type => !registered.Contains(type) && !s_localOnly.ContainsKey(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The registry and SDK types inside registered messages, through their public properties and collections (not
    /// looking inside local-only types).
    /// </summary>
    private static HashSet<Type> Reachable(IEnumerable<Type> registered)
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(registered.SelectMany(Members));
        while (pending.TryPop(out var type))
        {
            if (found.Add(type) && !s_localOnly.ContainsKey(type))
            {
                foreach (var member in Members(type))
                {
                    pending.Push(member);
                }
            }
        }
        return found;

        static IEnumerable<Type> Members(Type type) => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(property => Unwrap(property.PropertyType))
            .Where(member => member.Assembly == typeof(RegistryActor).Assembly || member.Assembly == typeof(MachineStatus).Assembly);

        static IEnumerable<Type> Unwrap(Type type) =>
            type.IsArray ? Unwrap(type.GetElementType()!)
            : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap)
            : [type];
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private object RoundTrip(object message) => JsonSerializer.Deserialize(Write(message), message.GetType(), _json)!;

    private string Write(object message) => JsonSerializer.Serialize(message, message.GetType(), _json);

    private T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, _json)!;

    /// <summary>A message of another protocol on the same transport.</summary>
    public sealed record Foreign(object? Value);
}
