using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MachineActors.Acceptance;

/// <summary>A node run as its own process (`dotnet MachineActors.Host.dll ...`), killed with SIGKILL or stopped with SIGTERM.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    public const string AdminToken = "acceptance-admin-token-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string NodeAssembly => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "node-path.txt")).Trim();

    public static string PluginsFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Starts a node on <paramref name="dataDir"/> and waits until its registry answers.</summary>
    public static Task<NodeProcess> Start(string dataDir, string storage = "sqlite", params string[] extraArguments) =>
        Start(dataDir, storage, "/api/machine/status/", new Dictionary<string, string>(), extraArguments);

    /// <summary>
    /// Starts a cluster node: <paramref name="roles"/> "frontend" serves the API (ready when its registry answers);
    /// a station serves /healthz only. The journal and the cluster tables are in <paramref name="postgres"/>, under
    /// the cluster schema <paramref name="schema"/>; placement decisions are logged at Information.
    /// <paramref name="extraArguments"/> (e.g. "--Node:RequestTimeout=00:00:05") come last and win.
    /// </summary>
    public static Task<NodeProcess> StartClusterNode(
        string name, string role, string dataDir, string postgres, string schema, string secret, int clusterPort, bool waitUntilReady = true,
        IReadOnlyList<string>? extraArguments = null) =>
        Start(dataDir, "postgresql", role == "frontend" ? "/api/machine/status/" : "/healthz",
            new Dictionary<string, string>
            {
                ["Logging__LogLevel__MachineActors.Registry.Placement"] = "Information",
                // One line per entry, stamped in UTC: the tests line up what the nodes did on one clock.
                ["Logging__Console__FormatterName"] = "systemd",
                ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffffffZ ",
                ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
            },
            [$"--Node:NodeName={name}", $"--Node:Roles:0={role}", $"--Node:PostgresConnectionString={postgres}",
             $"--Node:Cluster:Port={clusterPort}", $"--Node:Cluster:Secret={secret}", $"--Node:Cluster:Schema={schema}", .. extraArguments ?? []],
            waitUntilReady);

    private static async Task<NodeProcess> Start(
        string dataDir, string storage, string readyPath, Dictionary<string, string> environment, string[] extraArguments, bool waitUntilReady = true)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { NodeAssembly, "--urls", url.ToString().TrimEnd('/'), "--data-dir", dataDir, "--storage", storage,
                     "--admin-token", AdminToken, "--no-demo", $"--Node:PluginsDir={PluginsFolder}" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var node = new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), url);
        if (waitUntilReady)
        {
            await node.WaitUntilReady(readyPath);
        }
        return node;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Token", AdminToken);
        return client;
    }

    /// <summary>SIGTERM: a graceful stop; returns the exit code.</summary>
    public async Task<int> Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hook runs.</summary>
    public async Task Kill()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Kill();
        }
        _process.Dispose();
    }

    /// <summary>Whether the process has exited, and with which code.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public async Task WaitForExit(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    /// <summary>A free loopback port (for a node's cluster port).</summary>
    public static int FreeLoopbackPort() => FreePort();

    private async Task WaitUntilReady(string readyPath)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The node exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The node did not answer within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // Ports this process has handed out. The kernel may give a closed probe's port to the next probe: a node's HTTP
    // port once came out equal to the cluster port picked just before it, and the node could not start.
    private static readonly HashSet<int> s_handedOut = [];

    private static int FreePort()
    {
        var probes = new List<TcpListener>();
        try
        {
            lock (s_handedOut)
            {
                while (true)
                {
                    // A rejected probe stays open until a port is found, so the kernel cannot offer it again.
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probes.Add(probe);
                    probe.Start();
                    var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    if (s_handedOut.Add(port))
                    {
                        return port;
                    }
                }
            }
        }
        finally
        {
            probes.ForEach(probe => probe.Dispose());
        }
    }
}
