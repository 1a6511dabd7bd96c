namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>Settings of the PostgreSQL journal and snapshot store (the cluster store; nodes share one database).</summary>
public sealed record PostgreSqlStoreOptions
{
    /// <summary>
    /// The Npgsql connection string (Host, Port, Database, Username, Password, ...), used by the
    /// constructors that build their own data source; null when an <c>NpgsqlDataSource</c> is passed in.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The schema holding <c>journal</c>, <c>journal_metadata</c>, <c>snapshots</c> and their
    /// <c>schema_migrations</c>, created on start: "persistence". Lower-case letters, digits and '_'.
    /// </summary>
    public string SchemaName { get; init; } = "persistence";

    /// <summary>
    /// Events sent in one round trip (one multi-row INSERT): 1,000. A <c>WriteAsync</c> with more
    /// events is sent in several round trips inside its one transaction.
    /// </summary>
    public int MaxEventsPerBatch { get; init; } = 1000;

    /// <summary>
    /// Most connections the data source built from <see cref="ConnectionString"/> opens: 10, unless the connection
    /// string sets <c>Maximum Pool Size</c> itself. A store writes through one connection at a time (group commit)
    /// and replays at most <see cref="PersistenceOptions.MaxConcurrentRecoveries"/> streams at once.
    /// </summary>
    public int MaxPoolSize { get; init; } = 10;
}
