using System.Diagnostics;
using Npgsql;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

/// <summary>
/// A fresh PostgreSQL database for one test run, dropped afterwards. When
/// <see cref="ServerVariable"/> holds a connection string (run-tests.sh sets it to the private server
/// it started), the database is created on that server; otherwise this fixture starts its own private
/// server with <c>scripts/private-postgres.sh</c> and stops it at the end (a watchdog stops it too if
/// the test process dies). Missing PostgreSQL binaries fail the tests, with what to install; never a skip.
/// </summary>
public sealed class PrivatePostgres : IAsyncLifetime
{
    /// <summary>A connection string to a PostgreSQL server on which the tests may create and drop databases.</summary>
    public const string ServerVariable = "MACHINEACTORS_TEST_POSTGRES";

    private const string Script = "scripts/private-postgres.sh";
    private const int MissingBinariesExitCode = 3;

    private string? _serverConnectionString;
    private string? _startedServerDirectory;
    private string? _database;

    /// <summary>The test run's own database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A schema name no other test class uses, e.g. "journal_3f2a...".</summary>
    public static string NewSchemaName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            var server = await RunScriptAsync("start", "--owner-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _startedServerDirectory = server["PGDIR"];
            _serverConnectionString = server["CONNECTION_STRING"];
        }
        _database = $"machineactors_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{_database}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _database }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_database is not null)
            {
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
            }
        }
        finally
        {
            if (_startedServerDirectory is not null)
            {
                await RunScriptAsync("stop", _startedServerDirectory);
            }
        }
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<(string PersistenceId, long SequenceNr)>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        return rows;
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, string>> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL 15 server. {(await error).Trim()} "
                + (ci ? "(CI=true: the CI image must provide it.)" : "(These tests fail rather than skip when it is missing.)"));
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
        throw new InvalidOperationException(
            $"{Script} was not found above {AppContext.BaseDirectory}; set {ServerVariable} to a PostgreSQL server's connection string instead.");
    }
}
