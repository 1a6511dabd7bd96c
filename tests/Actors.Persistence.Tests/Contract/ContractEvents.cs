using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Persistence.Tests.Contract;

public sealed record LabelPrinted(string Label, int Copies);

public sealed record SettingChanged(string Key, string? Value);

public sealed record PrinterSnapshot(string Name, int Printed, IReadOnlyList<string> Labels);

public sealed record NotRegistered(string Text);

internal static class ContractSerialization
{
    /// <summary>1 MiB, the default limit; events above it must be rejected.</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<LabelPrinted>("label-printed.v1")
        .Register<SettingChanged>("setting-changed.v1")
        .Register<PrinterSnapshot>("printer-snapshot.v1");

    public static EventSerializer Serializer() => new(Registry(), MaxPayloadBytes);

    /// <summary>A serializer that knows none of the contract types (to read back unknown manifests).</summary>
    public static EventSerializer SerializerKnowingNothing() => new(new EventTypeRegistry(), MaxPayloadBytes);
}
