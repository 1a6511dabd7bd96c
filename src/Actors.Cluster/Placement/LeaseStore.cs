using MachineActors.Actors.Persistence.PostgreSql;
using Npgsql;

namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// Machine leases in PostgreSQL: one row per machine in <c>machine_leases</c>, inside the schema of
/// <see cref="LeaseOptions.Schema"/>. Each operation is one statement (one round trip) for any number of
/// machines, and all expiry arithmetic uses the database clock (<c>now()</c>), so callers' clocks never
/// decide who owns a machine. Statements lock the rows they touch in one order (machine id, byte-wise), so
/// concurrent batches from different nodes do not deadlock. Thread-safe; call <see cref="EnsureSchemaAsync"/>
/// once first.
/// </summary>
public sealed class LeaseStore : ILeaseStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schemaName;
    private readonly string _schema;
    private readonly string _table;

    /// <param name="dataSource">Shared with the caller, who disposes it.</param>
    /// <param name="options">Only <see cref="LeaseOptions.Schema"/> is used here; defaults when null.</param>
    public LeaseStore(NpgsqlDataSource dataSource, LeaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _schemaName = (options ?? new LeaseOptions()).Schema;
        _schema = PostgreSqlSchemaNames.Quote(_schemaName);
        _table = $"{_schema}.machine_leases";
    }

    /// <summary>Creates the schema and the <c>machine_leases</c> table if they are missing; safe when nodes start at once.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        PostgreSqlSchemaNames.EnsureAsync(_dataSource, _schemaName, "MachineActors.Cluster.Placement", """
            CREATE TABLE IF NOT EXISTS {schema}.machine_leases (
                machine_id TEXT PRIMARY KEY,
                owner_node TEXT NOT NULL,
                owner_incarnation BIGINT NOT NULL,
                epoch BIGINT NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            )
            """, cancellationToken);

    public async Task<IReadOnlyList<MachineLease>> TryAcquireAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var ids = Distinct(ownerNode, machineIds);
        CheckDuration(duration);
        if (ids.Length == 0)
        {
            return [];
        }
        // A row is granted when it is absent, expired, or already ours (same node name AND incarnation). ON CONFLICT
        // locks the conflicting row and evaluates WHERE against its latest committed version, so of concurrent
        // acquirers exactly one sees the row free. SET expressions read the old row, so the epoch test sees the old holder.
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_table} AS l (machine_id, owner_node, owner_incarnation, epoch, expires_at)
            SELECT wanted.id, $1, $2, 1, now() + $4
            FROM unnest($3::text[]) AS wanted(id)
            ORDER BY wanted.id COLLATE "C"
            ON CONFLICT (machine_id) DO UPDATE SET
                epoch = CASE WHEN l.owner_node = excluded.owner_node AND l.owner_incarnation = excluded.owner_incarnation
                             THEN l.epoch ELSE l.epoch + 1 END,
                owner_node = excluded.owner_node,
                owner_incarnation = excluded.owner_incarnation,
                expires_at = excluded.expires_at
            WHERE l.expires_at <= now()
               OR (l.owner_node = excluded.owner_node AND l.owner_incarnation = excluded.owner_incarnation)
            RETURNING l.machine_id, l.owner_node, l.owner_incarnation, l.epoch, l.expires_at
            """);
        AddOwner(command, ownerNode, ownerIncarnation, ids);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
        return await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyCollection<string>> RenewAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var ids = Distinct(ownerNode, machineIds);
        CheckDuration(duration);
        if (ids.Length == 0)
        {
            return [];
        }
        // An expired lease is not renewed even if nobody took it: its holder has already given it up (see LeaseKeeper).
        await using var command = _dataSource.CreateCommand($"""
            WITH held AS (
                SELECT machine_id FROM {_table}
                WHERE machine_id = ANY($3) AND owner_node = $1 AND owner_incarnation = $2 AND expires_at > now()
                ORDER BY machine_id COLLATE "C"
                FOR UPDATE
            )
            UPDATE {_table} AS l SET expires_at = now() + $4
            FROM held
            WHERE l.machine_id = held.machine_id
            RETURNING l.machine_id
            """);
        AddOwner(command, ownerNode, ownerIncarnation, ids);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration });
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyCollection<string>> ReleaseAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        CancellationToken cancellationToken = default)
    {
        var ids = Distinct(ownerNode, machineIds);
        if (ids.Length == 0)
        {
            return [];
        }
        // expires_at = now() counts as expired (acquire tests expires_at <= now()), so another node may take it at once.
        await using var command = _dataSource.CreateCommand($"""
            WITH held AS (
                SELECT machine_id FROM {_table}
                WHERE machine_id = ANY($3) AND owner_node = $1 AND owner_incarnation = $2 AND expires_at > now()
                ORDER BY machine_id COLLATE "C"
                FOR UPDATE
            )
            UPDATE {_table} AS l SET expires_at = now()
            FROM held
            WHERE l.machine_id = held.machine_id
            RETURNING l.machine_id
            """);
        AddOwner(command, ownerNode, ownerIncarnation, ids);
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every lease row, expired or not, ordered by machine id.</summary>
    public async Task<IReadOnlyList<MachineLease>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT machine_id, owner_node, owner_incarnation, epoch, expires_at FROM {_table} ORDER BY machine_id COLLATE \"C\"");
        return await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), distinct from the persistence stores' migration locks.</summary>
    // Duplicates are dropped: ON CONFLICT DO UPDATE refuses to touch one row twice in a statement.
    private static string[] Distinct(string ownerNode, IReadOnlyCollection<string> machineIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerNode);
        ArgumentNullException.ThrowIfNull(machineIds);
        var ids = new HashSet<string>(machineIds.Count, StringComparer.Ordinal);
        foreach (var id in machineIds)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A machine id is null or empty.", nameof(machineIds));
            }
            ids.Add(id);
        }
        return [.. ids];
    }

    private static void CheckDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease duration must be positive.");
        }
    }

    private static void AddOwner(NpgsqlCommand command, string ownerNode, long ownerIncarnation, string[] ids)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ownerNode });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ownerIncarnation });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
    }

    private static async Task<IReadOnlyList<MachineLease>> ReadLeasesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var leases = new List<MachineLease>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new MachineLease(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return leases;
    }

    private static async Task<IReadOnlyCollection<string>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
