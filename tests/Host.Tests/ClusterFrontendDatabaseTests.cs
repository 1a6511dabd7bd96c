using System.Net;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using Npgsql;

namespace MachineActors.Host.Tests;

/// <summary>
/// A cluster front-end whose database refuses it answers requests about machines with 503 (try again), not 500.
/// Found by the load test: when PostgreSQL refused new connections ("too many clients"), the front-end's read of a
/// machine's lease holder threw out of the request, and every such request failed with 500.
/// </summary>
public sealed class ClusterFrontendDatabaseTests(PrivatePostgres postgres) : IClassFixture<PrivatePostgres>, IAsyncLifetime
{
    private readonly string _role = $"frontend_{Guid.NewGuid():N}";
    private readonly string _password = Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database;
        await ExecuteAsync($"CREATE ROLE \"{_role}\" LOGIN PASSWORD '{_password}'", $"GRANT CREATE ON DATABASE \"{database}\" TO \"{_role}\"");
    }

    public Task DisposeAsync() =>
        ExecuteAsync($"ALTER ROLE \"{_role}\" LOGIN", $"DROP OWNED BY \"{_role}\"", $"DROP ROLE \"{_role}\"");

    [Fact]
    public async Task Requests_about_machines_answer_503_while_the_cluster_database_refuses_the_frontend()
    {
        var own = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = _role, Password = _password }.ConnectionString;
        await using var frontend = new ClusterFrontendNode(own, PrivatePostgres.NewSchemaName("frontend"), "host-tests-cluster-secret-0123456789");
        using var client = frontend.ClientWithToken(NodeFactory.AdminToken);
        var unknown = $"/api/machine/{Guid.NewGuid()}/";
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(unknown)).StatusCode);

        // The database now refuses the front-end: its open connections are cut and it may not log in again.
        await ExecuteAsync($"ALTER ROLE \"{_role}\" NOLOGIN", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{_role}'");

        foreach (var path in new[] { unknown, $"{unknown}jobs/", $"{unknown}settings/" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("cluster database", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await ExecuteAsync($"ALTER ROLE \"{_role}\" LOGIN");
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
