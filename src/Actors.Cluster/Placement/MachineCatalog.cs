using MachineActors.Actors.Persistence.PostgreSql;
using Npgsql;

namespace MachineActors.Actors.Cluster.Placement;

/// <summary>
/// The cluster-wide list of machines and their placements (<c>machines</c> in the cluster schema), read with
/// their current lease holders. Any node may add, re-place or remove a machine: each is one statement on one row,
/// so no node has to be the single writer of a shared list. A machine's configuration itself lives in its own
/// journal stream, written only by its lease holder.
/// </summary>
public sealed class MachineCatalog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schemaName;
    private readonly string _schema;

    /// <param name="dataSource">Shared with the caller, who disposes it.</param>
    /// <param name="schemaName">The cluster schema, the one the lease table lives in.</param>
    public MachineCatalog(NpgsqlDataSource dataSource, string schemaName)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _schemaName = schemaName;
        _schema = PostgreSqlSchemaNames.Quote(schemaName);
    }

    /// <summary>Creates the <c>machines</c> table when missing; the lease table must exist too (see <see cref="LeaseStore"/>).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        PostgreSqlSchemaNames.EnsureAsync(_dataSource, _schemaName, "MachineActors.Cluster.Catalog", """
            CREATE TABLE IF NOT EXISTS {schema}.machines (
                machine_id TEXT PRIMARY KEY,
                placement TEXT NULL,
                added_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """, cancellationToken);

    /// <summary>Adds the machine, or changes its placement when it is listed already.</summary>
    public async Task SetPlacementAsync(string machineId, string? placement, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineId);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_schema}.machines (machine_id, placement) VALUES ($1, $2)
            ON CONFLICT (machine_id) DO UPDATE SET placement = excluded.placement
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = machineId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)NullIfEmpty(placement) ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Whether the machine was listed.</returns>
    public async Task<bool> RemoveAsync(string machineId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"DELETE FROM {_schema}.machines WHERE machine_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = machineId });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Every listed machine with its lease holder, ordered by id.</summary>
    public Task<IReadOnlyList<CatalogEntry>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(_dataSource.CreateCommand(SelectSql(where: "")), cancellationToken);

    /// <summary>One machine with its lease holder; null when it is not listed.</summary>
    public async Task<CatalogEntry?> ReadAsync(string machineId, CancellationToken cancellationToken = default)
    {
        var command = _dataSource.CreateCommand(SelectSql(where: "WHERE m.machine_id = $1"));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = machineId });
        return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private string SelectSql(string where) => $"""
        SELECT m.machine_id, m.placement, l.owner_node, l.owner_incarnation, l.epoch, COALESCE(l.expires_at <= now(), true)
        FROM {_schema}.machines m
        LEFT JOIN {_schema}.machine_leases l ON l.machine_id = m.machine_id
        {where}
        ORDER BY m.machine_id COLLATE "C"
        """;

    private static async Task<IReadOnlyList<CatalogEntry>> ReadAsync(NpgsqlCommand owned, CancellationToken cancellationToken)
    {
        await using var command = owned;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<CatalogEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new CatalogEntry(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetBoolean(5)));
        }
        return entries;
    }

    private static string? NullIfEmpty(string? placement) => string.IsNullOrWhiteSpace(placement) ? null : placement;
}
