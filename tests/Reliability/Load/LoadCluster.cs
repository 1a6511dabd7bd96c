using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MachineActors.Acceptance;

namespace MachineActors.Reliability.Load;

/// <summary>
/// The load test's cluster: node processes (a front-end and stations) on one PostgreSQL schema, killed with SIGKILL
/// and started again by name. Keeps every process's output, including those of killed processes, with the moment
/// each kill had taken effect, for <see cref="ActivationTimeline"/>.
/// </summary>
public sealed class LoadCluster(string root, string postgres, string secret) : IAsyncDisposable
{
    private readonly string _schema = Actors.Persistence.Tests.PostgreSql.PrivatePostgres.NewSchemaName("load");
    private readonly List<NodeProcess> _processes = [];
    private readonly Dictionary<string, NodeProcess> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DateTime> _kills = [];

    /// <summary>The output of every node process started, in start order (a restarted node's outputs each count).</summary>
    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_processes)
            {
                return [.. _processes.Select(p => p.Output)];
            }
        }
    }

    /// <summary>When each killed process was gone, by its index in <see cref="Logs"/>.</summary>
    public IReadOnlyDictionary<int, DateTime> Kills
    {
        get
        {
            lock (_processes)
            {
                return new Dictionary<int, DateTime>(_kills);
            }
        }
    }

    public NodeProcess this[string name] => _running[name];

    /// <summary>
    /// Starts a node; again on other ports when one of the free ports it was given was taken before the node bound it
    /// (other processes on the machine pick ports too).
    /// </summary>
    public async Task<NodeProcess> StartAsync(string name, string role)
    {
        NodeProcess node;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                node = await NodeProcess.StartClusterNode(name, role, Path.Combine(root, name), postgres, _schema, secret, NodeProcess.FreeLoopbackPort());
                break;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
        lock (_processes)
        {
            _processes.Add(node);
            _running[name] = node;
        }
        return node;
    }

    /// <summary>SIGKILL; returns the UTC time by which the process had exited (the end of whatever it ran).</summary>
    public async Task<DateTime> KillAsync(string name)
    {
        var node = _running[name];
        await node.Kill();
        var gone = DateTime.UtcNow;
        lock (_processes)
        {
            _kills[_processes.IndexOf(node)] = gone;
            _running.Remove(name);
        }
        return gone;
    }

    /// <summary>The members the front-end sees up.</summary>
    public static async Task<HashSet<string>> UpNodesAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/api/cluster/nodes/");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return [];
            }
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Where(n => n.GetProperty("status").GetString() == "up").Select(n => n.GetProperty("name").GetString()!)];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _processes)
        {
            await node.DisposeAsync();
        }
    }
}
