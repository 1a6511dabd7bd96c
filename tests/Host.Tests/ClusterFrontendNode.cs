using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;

namespace MachineActors.Host.Tests;

/// <summary>A front-end cluster node in process on <paramref name="schema"/>; it holds no machines and routes requests about them.</summary>
public sealed class ClusterFrontendNode(string connectionString, string schema, string secret) : NodeFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Node:Storage", "postgresql");
        builder.UseSetting("Node:PostgresConnectionString", connectionString);
        builder.UseSetting("Node:NodeName", "frontend");
        builder.UseSetting("Node:Roles:0", "frontend");
        builder.UseSetting("Node:Cluster:Port", FreePort().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Node:Cluster:Secret", secret);
        builder.UseSetting("Node:Cluster:Schema", schema);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
