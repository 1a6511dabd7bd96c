using Npgsql;

namespace MachineActors.Reliability.Load;

/// <summary>Samples how many connections the test database has (pg_stat_activity) until disposed, and keeps the most seen.</summary>
public sealed class ConnectionSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _most;

    public ConnectionSampler(string connectionString, TimeSpan interval)
    {
        _sampling = Task.Run(async () =>
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(builder.ConnectionString);
                    await connection.OpenAsync(_stop.Token);
                    await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()", connection);
                    var connections = (int)(long)(await count.ExecuteScalarAsync(_stop.Token))!;
                    Most = Math.Max(Most, connections - 1);
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (NpgsqlException)
                {
                    // The server is full or restarting: the next sample tries again.
                }
            }
        });
    }

    /// <summary>The most connections to the test database seen at once, the sampler's own not counted.</summary>
    public int Most
    {
        get => Volatile.Read(ref _most);
        private set => Volatile.Write(ref _most, value);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
