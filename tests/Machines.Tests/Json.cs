using System.Text.Json;

namespace MachineActors.Machines.Tests;

/// <summary>Builds <see cref="JsonElement"/>s the way a request body or the store delivers them.</summary>
internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
