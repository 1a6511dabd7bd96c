using Microsoft.Extensions.Configuration;

namespace MachineActors.Host.Tests;

/// <summary>Node options that reach the registry and the cluster transport.</summary>
public sealed class NodeOptionsTests
{
    [Fact]
    public void The_driver_call_timeout_is_30_s_unless_configured()
    {
        var defaults = NodeOptions.From(new ConfigurationBuilder().Build());
        Assert.Equal(TimeSpan.FromSeconds(30), NodeRuntime.RegistryOptionsFor(defaults).DriverCallTimeout);

        var configured = NodeOptions.From(new ConfigurationBuilder().AddCommandLine(["--Node:DriverCallTimeout=00:00:02.500"]).Build());
        Assert.Equal(TimeSpan.FromSeconds(2.5), NodeRuntime.RegistryOptionsFor(configured).DriverCallTimeout);
    }

    [Fact]
    public void A_station_behind_a_proxy_advertises_the_address_other_nodes_dial()
    {
        string[] arguments =
        [
            "--Node:Storage=postgresql", "--Node:PostgresConnectionString=Host=127.0.0.1", "--Node:Cluster:Secret=0123456789abcdef0123",
            "--Node:Cluster:Port=7081", "--Node:Cluster:AdvertisedHost=gateway.example", "--Node:Cluster:AdvertisedPort=17081",
        ];
        var transport = NodeCluster.OptionsFor(NodeOptions.From(new ConfigurationBuilder().AddCommandLine(arguments).Build())).Transport;

        Assert.Equal((7081, "gateway.example", 17081), (transport.Port, transport.AdvertisedHost, transport.AdvertisedPort));
        var plain = NodeCluster.OptionsFor(NodeOptions.From(new ConfigurationBuilder().AddCommandLine(arguments[..4]).Build())).Transport;
        Assert.Equal((7081, null, null), (plain.Port, plain.AdvertisedHost, plain.AdvertisedPort));
    }

    [Fact]
    public void A_nodes_postgresql_pools_are_small_unless_the_connection_string_sizes_them()
    {
        const string plain = "Host=127.0.0.1;Port=5432;Username=postgres;Password=secret;Database=machineactors";
        string[] arguments = ["--Node:Storage=postgresql", $"--Node:PostgresConnectionString={plain}", "--Node:Cluster:Secret=0123456789abcdef0123"];
        var cluster = NodeCluster.OptionsFor(NodeOptions.From(new ConfigurationBuilder().AddCommandLine(arguments).Build()));

        Assert.Equal(NodePostgres.ClusterConnections, new Npgsql.NpgsqlConnectionStringBuilder(cluster.PostgresConnectionString).MaxPoolSize);
        Assert.Equal(NodePostgres.JournalConnections, new Npgsql.NpgsqlConnectionStringBuilder(NodeStorage.PostgresFor(plain, NodePostgres.JournalConnections).ConnectionString).MaxPoolSize);
        Assert.Equal("secret", new Npgsql.NpgsqlConnectionStringBuilder(cluster.PostgresConnectionString).Password);
        foreach (var sized in new[] { plain + ";Maximum Pool Size=50", plain + ";MaxPoolSize=50", plain + ";max pool size=50" })
        {
            Assert.Equal(sized, NodePostgres.WithPoolLimit(sized, NodePostgres.ClusterConnections));
        }
    }
}
