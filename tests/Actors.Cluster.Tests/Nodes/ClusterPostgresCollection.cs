using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Nodes;

/// <summary>The whole-node tests share one private PostgreSQL database; each test uses its own schema.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterPostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "Cluster nodes PostgreSQL";
}
