using MachineActors.Actors.Persistence.PostgreSql;
using Npgsql;

namespace MachineActors.Actors.Cluster.Membership;

/// <summary>
/// The membership table in PostgreSQL: one row per node name, every change a compare-and-swap on the
/// row's <c>version</c> made by the <c>change_member</c> function, which raises an error (SQLSTATE
/// <see cref="ConflictState"/> or <see cref="DownedState"/>) instead of overwriting a row that changed
/// since the caller read it. Nodes share one database; thread-safe. Call <see cref="EnsureSchemaAsync"/> first.
/// </summary>
public sealed class MembershipStore
{
    /// <summary>SQLSTATE of a lost compare-and-swap race (mapped to <see cref="MembershipConflictException"/>).</summary>
    public const string ConflictState = "MA409";

    /// <summary>SQLSTATE of a heartbeat for an incarnation that is Down, superseded or gone (mapped to <see cref="MemberDownedException"/>).</summary>
    public const string DownedState = "MA410";

    /// <summary>SQLSTATE of a status change the life cycle does not allow (mapped to <see cref="InvalidOperationException"/>).</summary>
    public const string InvalidTransitionState = "MA422";

    private const string Columns = "node_name, address, roles, incarnation, status, heartbeat, last_heartbeat, version";

    // Every write goes through change_member, so the compare-and-swap rules live in one place, next to the data.
    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS {schema}.members (
            node_name TEXT PRIMARY KEY,
            address TEXT NOT NULL,
            roles TEXT[] NOT NULL,
            incarnation BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Joining', 'Up', 'Leaving', 'Down')),
            heartbeat BIGINT NOT NULL,
            last_heartbeat TIMESTAMPTZ NOT NULL,
            version BIGINT NOT NULL
        );

        -- p_change 'join': insert the row, or give an existing one the next incarnation (status Joining,
        --   heartbeat 0); raises MA409 when another writer changed or inserted it meanwhile.
        -- p_change 'heartbeat': heartbeat + 1 and last_heartbeat = now() when the row still has
        --   p_expected_version; raises MA410 when the row is Down, has another incarnation or is gone, else MA409.
        -- p_change 'status': sets p_status when the row still has p_expected_version (else MA409) and the
        --   life cycle allows the step (else MA422).
        -- Every change increments version, which is never reset, so a version names one state of the row.
        CREATE OR REPLACE FUNCTION {schema}.change_member(
            p_change TEXT,
            p_node_name TEXT,
            p_expected_version BIGINT DEFAULT NULL,
            p_expected_incarnation BIGINT DEFAULT NULL,
            p_address TEXT DEFAULT NULL,
            p_roles TEXT[] DEFAULT NULL,
            p_status TEXT DEFAULT NULL)
        RETURNS {schema}.members
        LANGUAGE plpgsql
        AS $fn$
        DECLARE
            old_row {schema}.members;
            new_row {schema}.members;
        BEGIN
            IF p_change = 'join' THEN
                SELECT * INTO old_row FROM {schema}.members WHERE node_name = p_node_name;
                IF NOT FOUND THEN
                    INSERT INTO {schema}.members (node_name, address, roles, incarnation, status, heartbeat, last_heartbeat, version)
                    VALUES (p_node_name, p_address, p_roles, 1, 'Joining', 0, now(), 1)
                    ON CONFLICT (node_name) DO NOTHING
                    RETURNING * INTO new_row;
                ELSE
                    UPDATE {schema}.members
                    SET address = p_address, roles = p_roles, incarnation = incarnation + 1, status = 'Joining',
                        heartbeat = 0, last_heartbeat = now(), version = version + 1
                    WHERE node_name = p_node_name AND version = old_row.version
                    RETURNING * INTO new_row;
                END IF;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'MA409',
                        MESSAGE = format('Member %s was joined or changed by another writer at the same time; nothing was written.', p_node_name);
                END IF;
                RETURN new_row;
            ELSIF p_change = 'heartbeat' THEN
                UPDATE {schema}.members
                SET heartbeat = heartbeat + 1, last_heartbeat = now(), version = version + 1
                WHERE node_name = p_node_name AND version = p_expected_version
                    AND incarnation = p_expected_incarnation AND status <> 'Down'
                RETURNING * INTO new_row;
                IF FOUND THEN
                    RETURN new_row;
                END IF;
                SELECT * INTO old_row FROM {schema}.members WHERE node_name = p_node_name;
                IF NOT FOUND OR old_row.incarnation <> p_expected_incarnation OR old_row.status = 'Down' THEN
                    RAISE EXCEPTION USING ERRCODE = 'MA410',
                        MESSAGE = format('Member %s incarnation %s is no longer a member (the row shows %s).', p_node_name, p_expected_incarnation,
                            CASE WHEN old_row.node_name IS NULL THEN 'no row' ELSE format('incarnation %s, %s', old_row.incarnation, old_row.status) END);
                END IF;
                RAISE EXCEPTION USING ERRCODE = 'MA409',
                    MESSAGE = format('Member %s has version %s, not the expected %s; nothing was written.', p_node_name, old_row.version, p_expected_version);
            ELSIF p_change = 'status' THEN
                SELECT * INTO old_row FROM {schema}.members WHERE node_name = p_node_name;
                IF NOT FOUND OR old_row.version <> p_expected_version THEN
                    RAISE EXCEPTION USING ERRCODE = 'MA409',
                        MESSAGE = format('Member %s has version %s, not the expected %s; nothing was written.', p_node_name,
                            coalesce(old_row.version::text, 'none (no row)'), p_expected_version);
                END IF;
                IF (old_row.status, p_status) NOT IN (('Joining', 'Up'), ('Joining', 'Leaving'), ('Up', 'Leaving'),
                        ('Joining', 'Down'), ('Up', 'Down'), ('Leaving', 'Down')) THEN
                    RAISE EXCEPTION USING ERRCODE = 'MA422',
                        MESSAGE = format('Member %s cannot go from %s to %s.', p_node_name, old_row.status, p_status);
                END IF;
                UPDATE {schema}.members SET status = p_status, version = version + 1
                WHERE node_name = p_node_name AND version = p_expected_version
                RETURNING * INTO new_row;
                IF NOT FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'MA409',
                        MESSAGE = format('Member %s changed concurrently from version %s; nothing was written.', p_node_name, p_expected_version);
                END IF;
                RETURN new_row;
            ELSE
                RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('Unknown member change %L.', p_change);
            END IF;
        END;
        $fn$;
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schemaName;
    private readonly string _schema;

    /// <param name="dataSource">The cluster database; the caller owns and disposes it.</param>
    /// <param name="options">Supplies <see cref="MembershipOptions.Schema"/>; the defaults when null.</param>
    public MembershipStore(NpgsqlDataSource dataSource, MembershipOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        options ??= new MembershipOptions();
        options.Validate();
        _dataSource = dataSource;
        _schemaName = options.Schema;
        _schema = $"\"{options.Schema}\"";
    }

    /// <summary>The schema holding the table and the function.</summary>
    public string Schema => _schemaName;

    /// <summary>
    /// Creates the schema, the <c>members</c> table and the <c>change_member</c> function when missing
    /// (the function is replaced, so it always matches this build). Nodes starting at once are
    /// serialized by a transaction-level advisory lock per schema.
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default) =>
        PostgreSqlSchemaNames.EnsureAsync(_dataSource, _schemaName, "MachineActors.Cluster.Membership", SchemaSql, cancellationToken);

    /// <summary>
    /// Writes the node's row with status Joining and heartbeat 0: incarnation 1 for a new name, the
    /// row's incarnation + 1 for a name seen before (a restarted node). Of concurrent joins of one
    /// name, one wins and the others get a <see cref="MembershipConflictException"/>.
    /// </summary>
    public Task<Member> JoinAsync(string nodeName, string address, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentNullException.ThrowIfNull(roles);
        return ChangeAsync("join", nodeName, "p_address => $2, p_roles => $3", cancellationToken,
            new NpgsqlParameter<string> { TypedValue = address },
            new NpgsqlParameter<string[]> { TypedValue = [.. roles] });
    }

    /// <summary>
    /// Increments <paramref name="self"/>'s heartbeat and stamps it with the database's clock. Throws
    /// <see cref="MemberDownedException"/> when the row is Down, has another incarnation or is gone, and
    /// <see cref="MembershipConflictException"/> when it merely has another version.
    /// </summary>
    public Task<Member> HeartbeatAsync(Member self, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(self);
        return ChangeAsync("heartbeat", self.NodeName, "p_expected_version => $2, p_expected_incarnation => $3", cancellationToken,
            new NpgsqlParameter<long> { TypedValue = self.Version },
            new NpgsqlParameter<long> { TypedValue = self.Incarnation });
    }

    /// <summary>
    /// Sets the status of <paramref name="member"/>'s row if it still has <paramref name="member"/>'s version
    /// (else <see cref="MembershipConflictException"/>). Allowed steps: Joining → Up, Joining or Up → Leaving,
    /// and anything but Down → Down; any other throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public Task<Member> SetStatusAsync(Member member, MemberStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown member status.");
        }
        return ChangeAsync("status", member.NodeName, "p_expected_version => $2, p_status => $3", cancellationToken,
            new NpgsqlParameter<long> { TypedValue = member.Version },
            new NpgsqlParameter<string> { TypedValue = status.ToString() });
    }

    /// <summary>Every row, Down ones included, ordered by node name.</summary>
    public async Task<IReadOnlyList<Member>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var select = _dataSource.CreateCommand($"SELECT {Columns} FROM {_schema}.members ORDER BY node_name");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<Member>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(ReadMember(reader));
        }
        return members;
    }

    // change and arguments are constants of this class; values travel as parameters ($1 is the node name).
    private async Task<Member> ChangeAsync(string change, string nodeName, string arguments, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {Columns} FROM {_schema}.change_member('{change}', $1, {arguments})");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nodeName });
        command.Parameters.AddRange(parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"change_member returned no row for {nodeName}.");
            }
            return ReadMember(reader);
        }
        catch (PostgresException error) when (error.SqlState == DownedState)
        {
            throw new MemberDownedException(nodeName, error.MessageText, error);
        }
        catch (PostgresException error) when (error.SqlState == ConflictState)
        {
            throw new MembershipConflictException(nodeName, error.MessageText, error);
        }
        catch (PostgresException error) when (error.SqlState == InvalidTransitionState)
        {
            throw new InvalidOperationException(error.MessageText, error);
        }
    }

    private static Member ReadMember(NpgsqlDataReader reader) => new(
        NodeName: reader.GetString(0),
        Address: reader.GetString(1),
        Roles: reader.GetFieldValue<string[]>(2),
        Incarnation: reader.GetInt64(3),
        Status: Enum.Parse<MemberStatus>(reader.GetString(4)),
        Heartbeat: reader.GetInt64(5),
        LastHeartbeat: reader.GetFieldValue<DateTimeOffset>(6),
        Version: reader.GetInt64(7));

    /// <summary>A stable 64-bit advisory-lock key per schema (FNV-1a).</summary>
}
