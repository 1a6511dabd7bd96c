using MachineActors.Actors.Persistence.Tests.PostgreSql;

namespace MachineActors.Registry.Tests.Cluster;

/// <summary>The registry's cluster tests share the run's private PostgreSQL database; each test uses its own schemas.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryPostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "Registry PostgreSQL";
}
