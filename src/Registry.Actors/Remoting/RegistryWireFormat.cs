using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MachineActors.Registry.Remoting;

/// <summary>
/// The JSON rules of the registry's messages, and of theirs only: each registry message is written and read with a
/// copy of the transport's options that adds them, so other messages on the same transport keep their own form.
/// Within a registry message: <see cref="object"/> values keep their CLR type (<see cref="TypedValueConverter"/>),
/// enums travel by name, <see cref="RegistryOptions"/> does not travel (<see cref="LocalOnlyConverter{T}"/>), and
/// delegate-typed members (a setting's validator) and computed properties are left out.
/// </summary>
internal sealed class RegistryWireFormat(IReadOnlySet<Type> messageTypes) : JsonConverterFactory
{
    private readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> _scoped = [];

    public override bool CanConvert(Type typeToConvert) => messageTypes.Contains(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var scoped = _scoped.GetValue(options, Scope);
        return (JsonConverter)Activator.CreateInstance(typeof(ScopedConverter<>).MakeGenericType(typeToConvert), scoped)!;
    }

    /// <summary>The transport's options with the registry's rules instead of this factory (and any twin of it).</summary>
    private JsonSerializerOptions Scope(JsonSerializerOptions transport)
    {
        var scoped = new JsonSerializerOptions(transport);
        foreach (var format in scoped.Converters.OfType<RegistryWireFormat>().ToList())
        {
            scoped.Converters.Remove(format);
        }
        scoped.Converters.Insert(0, new TypedValueConverter());
        scoped.Converters.Add(new LocalOnlyConverter<RegistryOptions>(
            "RegistryOptions name this node's assemblies and folders; a remote ReloadRegistry reloads with the station's own options"));
        scoped.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        scoped.TypeInfoResolver = (transport.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(LeaveOutCodeAndComputedMembers);
        scoped.MakeReadOnly();
        return scoped;
    }

    /// <summary>
    /// Drops members that are code (delegates) and members that are computed from others: get-only properties that no
    /// constructor parameter sets. The receiver computes the latter again from what did travel.
    /// </summary>
    private static void LeaveOutCodeAndComputedMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (typeof(Delegate).IsAssignableFrom(property.PropertyType) || (property.Set is null && property.AssociatedParameter is null))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>One registry message type, written and read with the scoped options.</summary>
    private sealed class ScopedConverter<T>(JsonSerializerOptions scoped) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<T>(ref reader, scoped);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, scoped);
    }
}
