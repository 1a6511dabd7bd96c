using System.Net;
using System.Text.Json;

namespace MachineActors.Reliability.Faults;

/// <summary>One API answer: status, body (JSON when it parses, the text always) and how long it took.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement? Json, string Text, TimeSpan Elapsed)
{
    /// <summary>The "detail" of an error answer, or the body.</summary>
    public string Detail => Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("detail", out var detail) ? detail.ToString() : Text;

    public override string ToString() => $"{(int)Status} after {Elapsed.TotalSeconds:F1} s: {Detail}";
}
