using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Reliability.Faults;

/// <summary>The front-end's API as the fault cases use it: every call answers with its status, body and duration, never throws for a status.</summary>
public static class ClusterApi
{
    public static async Task<ApiAnswer> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        var timer = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON (e.g. an empty 500); the text is kept.
            }
        }
        return new ApiAnswer(response.StatusCode, json, text, timer.Elapsed);
    }

    /// <summary>Creates a label printer and sets its driver settings (retrying each until the node that runs it answers); returns its pk.</summary>
    public static async Task<string> AddPrinterAsync(HttpClient client, string name, string driver, string placement, IReadOnlyDictionary<string, object> driverSettings)
    {
        var created = await SendAsync(client, HttpMethod.Post, "/api/machine/", new { name, machine_type = "label-printer", driver, placement });
        Assert.True(created.Status == HttpStatusCode.Created, $"create {name} answered {(int)created.Status}: {created.Text}");
        var pk = created.Json!.Value.GetProperty("pk").GetString()!;
        foreach (var (key, value) in driverSettings)
        {
            await WaitAsync(async () => (await SendAsync(client, HttpMethod.Patch, $"/api/machine/{pk}/settings/D/{key}/", new { value })).Status == HttpStatusCode.OK,
                $"{name} takes {key}");
        }
        return pk;
    }

    public static Task<ApiAnswer> PrintAsync(HttpClient client, string pk, string key, IReadOnlyList<string> labels, int copies, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, $"/api/machine/{pk}/print/",
            new
            {
                labels = labels.Select(text => new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), content_type = "text/plain" }).ToArray(),
                copies,
            },
            key, cancellationToken);

    /// <summary>The machine's job list (newest first), or null when the node does not answer with one.</summary>
    public static async Task<List<JobRow>?> JobsAsync(HttpClient client, string pk)
    {
        var answer = await SendAsync(client, HttpMethod.Get, $"/api/machine/{pk}/jobs/");
        return answer.Status == HttpStatusCode.OK ? [.. answer.Json!.Value.EnumerateArray().Select(JobRow.From)] : null;
    }

    /// <summary>Machines by pk as the front-end lists them; empty when it does not answer.</summary>
    public static async Task<Dictionary<string, MachineRow>> MachinesAsync(HttpClient client, bool? initialized = null)
    {
        var query = initialized is null ? "all" : initialized.Value ? "true" : "false";
        var answer = await SendAsync(client, HttpMethod.Get, $"/api/machine/?initialized={query}");
        if (answer.Status != HttpStatusCode.OK)
        {
            return [];
        }
        return answer.Json!.Value.EnumerateArray().ToDictionary(m => m.GetProperty("pk").GetString()!, MachineRow.From);
    }

    public static async Task<HashSet<string>> UpNodesAsync(HttpClient client)
    {
        var answer = await SendAsync(client, HttpMethod.Get, "/api/cluster/nodes/");
        if (answer.Status != HttpStatusCode.OK)
        {
            return [];
        }
        return [.. answer.Json!.Value.EnumerateArray().Where(n => n.GetProperty("status").GetString() == "up").Select(n => n.GetProperty("name").GetString()!)];
    }

    public static Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) => WaitAsync(condition, () => what, timeout);

    /// <summary>As the other overload, with a description read when the wait fails (e.g. naming the last answer).</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"timed out after {deadline.Elapsed.TotalSeconds:F0} s waiting until {what()}");
            await Task.Delay(100);
        }
    }
}
