using System.Text.Json;

namespace MachineActors.Reliability.Faults;

/// <summary>A machine as the front-end lists it.</summary>
public sealed record MachineRow(string Pk, string Name, string? Node, int Status, string StatusName, string StatusText, bool Initialized, IReadOnlyList<string> Errors)
{
    public static MachineRow From(JsonElement machine) => new(
        machine.GetProperty("pk").GetString()!,
        machine.GetProperty("name").GetString()!,
        machine.GetProperty("node").GetString(),
        machine.GetProperty("status").GetInt32(),
        machine.TryGetProperty("status_model", out var name) ? name.GetString() ?? "" : "",
        machine.TryGetProperty("status_text", out var text) ? text.GetString() ?? "" : "",
        machine.GetProperty("initialized").GetBoolean(),
        [.. machine.GetProperty("machine_errors").EnumerateArray().Select(e => e.GetString()!)]);
}
