using System.Diagnostics;

namespace MachineActors.Bench.Journal;

/// <summary>
/// PostgreSQL for the benchmark: MACHINEACTORS_BENCH_POSTGRES when set, otherwise a private server
/// started with scripts/private-postgres.sh (stopped again after the run); null when neither works.
/// </summary>
internal static class PrivatePostgresForBench
{
    public static async Task<IBenchStore?> TryStart()
    {
        if (Environment.GetEnvironmentVariable("MACHINEACTORS_BENCH_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresBenchStore(given, () => ValueTask.CompletedTask);
        }
        if (FindScript() is not { } script)
        {
            return null;
        }
        var start = new ProcessStartInfo("bash", [script, "start", "--owner-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            return null;
        }
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        var directory = values["PGDIR"];
        return new PostgresBenchStore(values["CONNECTION_STRING"], async () =>
        {
            using var stop = Process.Start(new ProcessStartInfo("bash", [script, "stop", directory]) { RedirectStandardOutput = true })!;
            await stop.WaitForExitAsync();
        });
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "scripts", "private-postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
