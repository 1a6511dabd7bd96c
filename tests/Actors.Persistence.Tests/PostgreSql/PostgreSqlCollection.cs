using Xunit;

namespace MachineActors.Actors.Persistence.Tests.PostgreSql;

/// <summary>The test classes that share the run's one private PostgreSQL (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "PostgreSQL";
}
