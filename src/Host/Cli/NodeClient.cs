using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MachineActors.Host.Cli;

/// <summary>The CLI's view of a running node's API; errors become a <see cref="CliException"/> with the node's reason.</summary>
public sealed class NodeClient(HttpClient http)
{
    public static HttpClient Connect(string url, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }
        return http;
    }

    public Task<JsonElement> Get(string path, CancellationToken ct) => Send(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> Post(string path, object body, CancellationToken ct) => Send(HttpMethod.Post, path, body, ct);

    public Task<JsonElement> Patch(string path, object body, CancellationToken ct) => Send(HttpMethod.Patch, path, body, ct);

    /// <summary>A machine by its name or pk.</summary>
    public async Task<JsonElement> Machine(string nameOrPk, CancellationToken ct)
    {
        var machines = await Get("api/machine/", ct);
        foreach (var machine in machines.EnumerateArray())
        {
            if (machine.GetProperty("pk").GetString() == nameOrPk || machine.GetProperty("name").GetString() == nameOrPk)
            {
                return machine;
            }
        }
        throw new CliException($"No machine is named or has the id '{nameOrPk}'.");
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"Cannot reach the node at {http.BaseAddress}: {e.Message}");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {text}");
            }
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
