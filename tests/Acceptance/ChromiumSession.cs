using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MachineActors.Acceptance;

/// <summary>
/// Debian's headless Chromium on a throw-away profile with one page, driven over the DevTools protocol.
/// Disposing kills the browser and deletes the profile.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;
    private readonly StringBuilder _output = new();
    private DevToolsClient? _devTools;
    private string _sessionId = "";

    private ChromiumSession(Process process, string profile)
    {
        _process = process;
        _profile = profile;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the page logged to its console and the exceptions it did not catch.</summary>
    public IEnumerable<string> PageLog => _devTools?.PageLog ?? [];

    /// <summary>Starts the browser with a page of <paramref name="width"/> × <paramref name="height"/> CSS pixels.</summary>
    public static async Task<ChromiumSession> Start(int width = 1280, int height = 900)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"{Executable} is missing: install Debian's chromium package (apt-get install chromium; ./run-tests.sh does it when run as root).");
        }
        var profile = Directory.CreateTempSubdirectory("machineactors-chromium-").FullName;
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        }
        catch
        {
            Directory.Delete(profile, recursive: true);
            throw;
        }
        var session = new ChromiumSession(process, profile);
        try
        {
            await session.Attach(width, height);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public Task Navigate(string url) => Page("Page.navigate", new { url });

    /// <summary>The value of a JavaScript expression (awaited when it is a promise); a thrown exception fails.</summary>
    public async Task<JsonElement> Evaluate(string expression)
    {
        var answer = await Page("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (answer.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page threw evaluating {expression}: {exception.GetRawText()}");
        }
        return answer.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntil(string condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while ((await Evaluate($"Boolean({condition})")).ValueKind != JsonValueKind.True)
        {
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"Timed out waiting for {what} ({condition}).\nPage log:\n{string.Join('\n', PageLog)}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Clicks the element <paramref name="selector"/> finds; fails when there is none.</summary>
    public async Task Click(string selector)
    {
        var found = await Evaluate($"(() => {{ const e = document.querySelector({JsonSerializer.Serialize(selector)}); e?.click(); return e !== null; }})()");
        Assert.True(found.ValueKind == JsonValueKind.True, $"Nothing to click at {selector}");
    }

    /// <summary>A PNG of the whole page, beyond the viewport too.</summary>
    public async Task<byte[]> Screenshot()
    {
        var answer = await Page("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(answer.GetProperty("data").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_devTools is not null)
        {
            await _devTools.DisposeAsync();
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private async Task Attach(int width, int height)
    {
        using var timeout = new CancellationTokenSource(s_startTimeout);
        _devTools = await DevToolsClient.Connect(await BrowserUrl(timeout.Token), timeout.Token);
        var target = await _devTools.Send("Target.createTarget", new { url = "about:blank" }, null, timeout.Token);
        var attached = await _devTools.Send("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true }, null, timeout.Token);
        _sessionId = attached.GetProperty("sessionId").GetString()!;
        await Page("Runtime.enable", null);
        await Page("Page.enable", null);
        await Page("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
    }

    // Chromium writes "<port>\n<browser path>" into DevToolsActivePort once it listens.
    private async Task<Uri> BrowserUrl(CancellationToken cancellationToken)
    {
        var file = Path.Combine(_profile, "DevToolsActivePort");
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with {_process.ExitCode}:\n{Output}");
            }
            if (File.Exists(file) && File.ReadAllLines(file) is [var port, var path, ..] && path.StartsWith('/'))
            {
                return new Uri($"ws://127.0.0.1:{port}{path}");
            }
            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Chromium did not open its DevTools port within {s_startTimeout.TotalSeconds} s:\n{Output}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private async Task<JsonElement> Page(string method, object? parameters)
    {
        using var timeout = new CancellationTokenSource(s_commandTimeout);
        return await _devTools!.Send(method, parameters, _sessionId, timeout.Token);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
