using System.Diagnostics;
using System.Globalization;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// A PostgreSQL server of one test's own (never the shared MACHINEACTORS_TEST_POSTGRES one), started with
/// <c>scripts/private-postgres.sh start --owner-pid</c>, so the test can stop it (<see cref="PauseAsync"/>: pg_ctl stop -m fast)
/// and start it again on the same port and data (<see cref="ResumeAsync"/>). Removed when disposed (or by the script's
/// watchdog when the test process dies).
/// </summary>
public sealed class PausablePostgres : IAsyncDisposable
{
    private const string Script = "scripts/private-postgres.sh";

    private PausablePostgres(string directory, string connectionString)
    {
        DataFolder = directory;
        ConnectionString = connectionString;
    }

    public string DataFolder { get; }

    public string ConnectionString { get; }

    public static async Task<PausablePostgres> StartAsync()
    {
        var output = await RunAsync("start", "--owner-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
        return new PausablePostgres(values["PGDIR"], values["CONNECTION_STRING"]);
    }

    /// <summary>Stops the server; clients are disconnected and new connections refused until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => RunAsync("pause", DataFolder);

    public Task ResumeAsync() => RunAsync("resume", DataFolder);

    public async ValueTask DisposeAsync() => await RunAsync("stop", DataFolder);

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(FindScript());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {Script}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Script} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error}");
        }
        return await output;
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, Script);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"{Script} was not found above {AppContext.BaseDirectory}.");
    }
}
