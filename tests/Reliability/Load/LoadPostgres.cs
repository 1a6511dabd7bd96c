using System.Diagnostics;
using System.Globalization;

namespace MachineActors.Reliability.Load;

/// <summary>
/// The load test's own PostgreSQL server, started with <c>scripts/private-postgres.sh</c> (a watchdog stops it should
/// the test process die) and stopped afterwards. Not the run's shared server: the load holds tens of connections, which
/// on a shared server (100 connections in all) would be taken from the test assemblies running beside it.
/// </summary>
public sealed class LoadPostgres : IAsyncLifetime
{
    private const string Script = "scripts/private-postgres.sh";
    private const int MissingBinariesExitCode = 3;

    private string? _directory;

    /// <summary>The server's own database ("machineactors"), as the superuser.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var server = await RunScriptAsync("start", "--owner-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        _directory = server["PGDIR"];
        ConnectionString = server["CONNECTION_STRING"];
    }

    public async Task DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_directory is not null)
        {
            await RunScriptAsync("stop", _directory);
        }
    }

    private static async Task<Dictionary<string, string>> RunScriptAsync(params string[] arguments)
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
        if (process.ExitCode == MissingBinariesExitCode)
        {
            throw new InvalidOperationException($"The load test needs a PostgreSQL 15 server; it fails rather than skips without one. {(await error).Trim()}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Script} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await error}");
        }
        return (await output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('\''), StringComparer.Ordinal);
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
