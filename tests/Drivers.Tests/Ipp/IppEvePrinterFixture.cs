using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MachineActors.Drivers.Tests.Ipp;

/// <summary>
/// A private ippeveprinter (Debian package cups-ipp-utils) on a free loopback port with its own
/// spool folder, started under its own D-Bus session. Missing tools fail the tests, never skip them.
/// <para>Besides the command line in DESIGN.md it passes <c>-c /bin/true</c>: without a command
/// ippeveprinter simulates printing by sleeping 5 to 15 seconds per job; with one, a job completes
/// as soon as the command exits. The job file is still kept (-k) as &lt;job-id&gt;-&lt;job-name&gt;.&lt;ext&gt;.
/// <see cref="Command"/> changes it: with <c>/bin/false</c> every job ends aborted (aborted-by-system).</para>
/// <para><see cref="StopPrinterAsync"/> and <see cref="StartPrinterAsync"/> stop and start the printer on the same port
/// and spool folder, so a client sees it go away and come back.</para>
/// </summary>
public sealed class IppEvePrinterFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string PrinterName = "MachineActors Test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly StringBuilder _output = new();
    private Process? _session;

    /// <summary>The print command ippeveprinter runs for each job; its exit code decides completed or aborted.</summary>
    public string Command { get; init; } = "/bin/true";

    public int Port { get; private set; }

    public string SpoolDirectory { get; private set; } = string.Empty;

    public Uri PrinterUri => new($"ipp://127.0.0.1:{Port}/ipp/print");

    public Uri WebUri => new($"http://127.0.0.1:{Port}/");

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

    /// <summary>Finds a tool on PATH or throws with what to install; never returns null.</summary>
    public static string RequireTool(string name, string? pathVariable = null)
    {
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        if (found is not null)
        {
            return found;
        }

        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        throw new InvalidOperationException(
            $"'{name}' is not on PATH, so the IPP integration tests cannot run. "
            + "Install it with: apt-get update && apt-get install -y cups-ipp-utils dbus"
            + (ci ? " (CI=true: the CI image must provide it)." : " (these tests fail rather than skip when it is missing)."));
    }

    public async Task InitializeAsync()
    {
        Port = FreeLoopbackPort();
        SpoolDirectory = Directory.CreateTempSubdirectory("ippeveprinter-").FullName;
        await StartPrinterAsync();
    }

    /// <summary>Starts ippeveprinter on <see cref="Port"/> with <see cref="SpoolDirectory"/>; again after <see cref="StopPrinterAsync"/>.</summary>
    public async Task StartPrinterAsync()
    {
        if (_session is { HasExited: false })
        {
            throw new InvalidOperationException("ippeveprinter is already running.");
        }

        _session?.Dispose();
        var ippeveprinter = RequireTool("ippeveprinter");
        var dbusRunSession = RequireTool("dbus-run-session");
        var script = "DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS exec "
            + $"'{ippeveprinter}' -p {Port} -n localhost -r off -k -c '{Command}' -d '{SpoolDirectory}' "
            + $"-f application/pdf,image/pwg-raster,text/plain '{PrinterName}'";
        var start = new ProcessStartInfo(dbusRunSession)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        _session = Process.Start(start) ?? throw new InvalidOperationException("dbus-run-session did not start.");
        _session.OutputDataReceived += (_, e) => Append(e.Data);
        _session.ErrorDataReceived += (_, e) => Append(e.Data);
        _session.BeginOutputReadLine();
        _session.BeginErrorReadLine();

        await WaitUntilAnsweringAsync();
    }

    /// <summary>Kills ippeveprinter (not just its session) and waits until its port refuses connections.</summary>
    public async Task StopPrinterAsync()
    {
        if (_session is null || _session.HasExited)
        {
            return;
        }

        // Killing only ippeveprinter lets dbus-run-session reap it and stop its dbus-daemon itself.
        foreach (var child in ChildProcessIds(_session.Id).Where(IsIppEvePrinter))
        {
            TryKill(child);
        }

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _session.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            _session.Kill(entireProcessTree: true);
            await _session.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Sets the sheets in the main tray through the /media web form. The form replaces every tray,
    /// so the by-pass tray is sent as the printer starts with it: left out, it would be emptied,
    /// and with no media left at all the form stops working ("No media-col-ready defined").
    /// </summary>
    public async Task SetMainTrayLevelAsync(int sheets)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var uri = new Uri(WebUri, MediaQuery(sheets));
        using var response = await http.GetAsync(uri);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {uri} answered {(int)response.StatusCode}: {page}");
        Assert.DoesNotContain("Error:", page, StringComparison.Ordinal);
    }

    public static string MediaQuery(int mainTraySheets) =>
        $"media?size1=na_letter_8.5x11in&type1=stationery&level1={mainTraySheets}"
        + "&size3=na_number-10_4.125x9.5in&type3=envelope&level3=-2";

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        await StopPrinterAsync();
        _session?.Dispose();
        if (Directory.Exists(SpoolDirectory))
        {
            Directory.Delete(SpoolDirectory, recursive: true);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_session!.HasExited)
            {
                throw new InvalidOperationException(
                    $"ippeveprinter exited with code {_session.ExitCode} before answering on port {Port}. Output:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(WebUri);
                if (response.IsSuccessStatusCode)
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

            await Task.Delay(50);
        }

        await StopPrinterAsync();
        throw new InvalidOperationException($"ippeveprinter did not answer on port {Port} within {StartTimeout.TotalSeconds} s. Output:\n{Output}");
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

    private static IEnumerable<int> ChildProcessIds(int pid)
    {
        var file = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(file))
        {
            return [];
        }

        return File.ReadAllText(file)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(int.Parse)
            .ToArray();
    }

    private static bool IsIppEvePrinter(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "ippeveprinter";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void TryKill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
