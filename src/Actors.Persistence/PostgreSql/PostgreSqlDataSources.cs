using Npgsql;

namespace MachineActors.Actors.Persistence.PostgreSql;

/// <summary>Checks store options and builds a data source from their connection string.</summary>
internal static class PostgreSqlDataSources
{
    public static NpgsqlDataSource Create(PostgreSqlStoreOptions options)
    {
        Validate(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("PostgreSqlStoreOptions.ConnectionString is required when no NpgsqlDataSource is passed in.", nameof(options));
        }
        return NpgsqlDataSource.Create(PostgreSqlConnectionStrings.WithDefaultMaxPoolSize(options.ConnectionString, options.MaxPoolSize));
    }

    public static void Validate(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PostgreSqlSchema.Quote(options.SchemaName);
        if (options.MaxEventsPerBatch <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxEventsPerBatch must be positive.");
        }
        if (options.MaxPoolSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxPoolSize must be positive.");
        }
    }
}
