using System.Net;
using System.Net.Sockets;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Reliability.Faults;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>
/// A node reached through something in between (a proxy, a NAT) listens on one port and advertises another: its
/// cluster address, and so where other nodes dial and what it proves in the handshake, is the advertised one.
/// </summary>
public sealed class AdvertisedAddressTests
{
    [Fact]
    public async Task A_node_behind_a_proxy_is_addressed_and_dialed_at_the_proxy_and_a_cut_there_cuts_the_pair_until_it_heals()
    {
        var (dialerPort, listenPort, proxy) = PortsWhereTheDialerSortsFirst();
        await using var line = proxy;
        var b = await RemoteNodes.StartNodeAsync(o => o with { Port = listenPort, AdvertisedPort = line.Port, ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200) });
        var a = await RemoteNodes.StartNodeAsync(o => o with { Port = dialerPort, ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200) });
        try
        {
            Assert.Equal(line.Port, b.Address.Port);
            var echo = a.ActorRefFor(b.Address, "/user/echo");
            b.System.ActorOf(Props.Create<EchoActor>(), "echo");
            a.Associate(b.Address);
            await Eventually.TrueAsync(() => a.IsConnected(b.Address) && b.IsConnected(a.Address), "A dials B at its advertised address");
            Assert.Equal(new Pong(1), await echo.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(5)));
            Assert.True(line.Connections >= 1, "A did not go through the proxy");

            line.Cut();
            await Eventually.TrueAsync(() => !a.IsConnected(b.Address) && !b.IsConnected(a.Address), "the cut drops the connection on both sides");
            await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask<Pong>(new Ping(2), TimeSpan.FromMilliseconds(500)));

            line.Heal();
            await Eventually.TrueAsync(() => a.IsConnected(b.Address) && b.IsConnected(a.Address), "A dials B again once the line heals");
            Assert.Equal(new Pong(3), await echo.Ask<Pong>(new Ping(3), TimeSpan.FromSeconds(5)));
        }
        finally
        {
            await a.System.Terminate();
            await b.System.Terminate();
        }
    }

    [Fact]
    public void A_blank_advertised_host_or_a_port_out_of_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RemoteNodes.StartNodeAsync(o => o with { AdvertisedPort = 0 }).GetAwaiter().GetResult());
        Assert.Throws<ArgumentException>(() => RemoteNodes.StartNodeAsync(o => o with { AdvertisedHost = " " }).GetAwaiter().GetResult());
    }

    /// <summary>
    /// Of a pair the node whose address sorts lower dials: A's port must sort below the proxy's for A to dial B through
    /// it (addresses differ only in the port here).
    /// </summary>
    private static (int DialerPort, int ListenPort, TcpProxy Proxy) PortsWhereTheDialerSortsFirst()
    {
        var listen = FreePort();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var dialer = FreePort();
            var proxy = new TcpProxy(listen);
            if (string.CompareOrdinal(dialer.ToString(System.Globalization.CultureInfo.InvariantCulture), proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) < 0)
            {
                return (dialer, listen, proxy);
            }
            proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        throw new InvalidOperationException("No pair of free ports sorted as needed.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
