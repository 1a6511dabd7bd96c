using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>The membership test classes that share the run's one private PostgreSQL database (each uses its own schema).</summary>
[CollectionDefinition(Name)]
public sealed class MembershipPostgresCollection : ICollectionFixture<PrivatePostgres>
{
    public const string Name = "Membership PostgreSQL";
}
