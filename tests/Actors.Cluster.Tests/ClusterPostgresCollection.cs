using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests;

/// <summary>Every cluster test class that needs PostgreSQL shares the run's one private database; each test uses its own schema.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterPostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "Cluster PostgreSQL";
}
