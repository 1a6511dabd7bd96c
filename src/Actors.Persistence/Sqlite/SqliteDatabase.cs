using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MachineActors.Actors.Persistence.Sqlite;

/// <summary>
/// How a store reaches its database file: one long-lived writer connection per store, pooled
/// connections for reads (WAL lets them run while a write is in progress), and one write gate per
/// file and process, so in-process writers queue here instead of spinning on SQLite's busy lock.
/// Every use of the writer connection (opening, writing, closing) holds the gate.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_writeGates = new(StringComparer.Ordinal);

    private readonly SqliteStoreOptions _options;
    private readonly string _storeName;
    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;
    private readonly SemaphoreSlim _writeGate;
    private SqliteConnection? _writer;

    /// <param name="storeName">Names the store in errors ("journal", "snapshot store").</param>
    public SqliteDatabase(SqliteStoreOptions options, string storeName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The busy timeout must be positive.");
        }
        SqliteNative.EnsureInitialized();
        _options = options;
        _storeName = storeName;
        FullPath = Path.GetFullPath(options.DatabasePath);
        _writeGate = s_writeGates.GetOrAdd(FullPath, _ => new SemaphoreSlim(1, 1));
        var timeoutSeconds = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    public string FullPath { get; }

    /// <summary>The store's long-lived connection every write goes through (tests hook SQLite's commit callback on it).</summary>
    public SqliteConnection Writer =>
        _writer ?? throw new InvalidOperationException($"The SQLite {_storeName} is not initialized: call InitializeAsync first.");

    /// <summary>Opens the store's writer connection, switches the file to WAL and applies missing migrations (once).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _writer ??= await WithWriteGate(OpenWriter, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <paramref name="write"/> on the writer connection while holding the file's write gate.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        var writer = Writer;
        return WithWriteGate(() => write(writer), cancellationToken);
    }

    public Task WriteAsync(Action<SqliteConnection> write, CancellationToken cancellationToken) => WriteAsync(writer =>
    {
        write(writer);
        return true;
    }, cancellationToken);

    private async Task<T> WithWriteGate<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection OpenWriter()
    {
        var folder = Path.GetDirectoryName(FullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}");
            var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite could not switch {FullPath} to WAL mode (journal_mode is '{mode}'); the file system may not support it.");
            }
            Execute(connection, _options.Durability == SqliteDurability.Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            SqliteSchema.Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Closes the store's writer once no write of this process is running on the file, and drops the
    /// pooled read connections as they come back (other stores on the file open new ones as needed).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var writer = _writer;
        _writer = null;
        if (writer is not null)
        {
            await WithWriteGate(() =>
            {
                writer.Dispose();
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
