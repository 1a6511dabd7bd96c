using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

/// <summary>The placement test classes that share one private PostgreSQL (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PlacementPostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "Placement PostgreSQL";
}
