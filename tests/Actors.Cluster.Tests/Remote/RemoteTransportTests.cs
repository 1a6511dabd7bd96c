using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Event;
using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

public sealed class RemoteTransportTests
{
    [Fact]
    public async Task A_node_declared_down_terminates_the_watches_of_its_actors()
    {
        await using var nodes = await RemoteNodes.StartAsync();
        var echo = nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo"));
        var probe = new TestProbe(nodes.A.System, "watcher");
        probe.Watch(echo);
        Assert.Equal(new Pong(1), await echo.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(5)));

        nodes.A.AddressTerminated(nodes.B.Address);

        var terminated = probe.ExpectTerminated(echo);
        Assert.True(terminated.AddressTerminated);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task An_unregistered_message_type_goes_to_dead_letters_and_is_logged()
    {
        var logs = new ListLoggerProvider();
        var a = await RemoteNodes.StartNodeAsync(loggers: logs);
        var b = await RemoteNodes.StartNodeAsync();
        try
        {
            var deadLetters = new TestProbe(a.System, "dead-letters");
            a.System.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
            var remote = a.ActorRefFor(b.Address, "/user/anyone");

            remote.Tell(new NotRegistered(5), null);

            Assert.Equal(new NotRegistered(5), deadLetters.ExpectMsg<DeadLetter>().Message);
            Assert.True(logs.Contains("is not registered for remoting"));
        }
        finally
        {
            await a.System.Terminate();
            await b.System.Terminate();
        }
    }

    [Fact]
    public async Task A_payload_over_the_limit_goes_to_dead_letters_and_the_connection_stays()
    {
        await using var nodes = await RemoteNodes.StartAsync(o => o with { MaximumPayloadSize = 2048, MaximumFrameSize = 8192 });
        var deadLetters = new TestProbe(nodes.A.System, "dead-letters");
        nodes.A.System.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        var echo = nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo"));

        echo.Tell(new Blob(new string('x', 5000)), null);

        Assert.IsType<Blob>(deadLetters.ExpectMsg<DeadLetter>().Message);
        Assert.Equal(new Pong(100), await echo.Ask<Pong>(new Blob(new string('x', 100)), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_full_send_queue_sends_the_overflow_to_dead_letters_with_a_log_line()
    {
        var logs = new ListLoggerProvider();
        var a = await RemoteNodes.StartNodeAsync(o => o with { SendQueueCapacity = 10 }, logs);
        try
        {
            var deadLetters = new TestProbe(a.System, "dead-letters");
            a.System.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
            // Nobody listens there, so nothing leaves the queue.
            var unreachable = a.ActorRefFor(new Address("node", "127.0.0.1", 9), "/user/printer");

            for (var i = 0; i < 100; i++)
            {
                unreachable.Tell(new Ping(i), null);
            }

            var dropped = deadLetters.ReceiveN(90).Cast<DeadLetter>().Select(d => ((Ping)d.Message).Number).ToList();
            Assert.Equal(Enumerable.Range(10, 90), dropped);
            Assert.True(logs.Contains("Send queue to ma://node@127.0.0.1:9 is full (10 messages)"));
        }
        finally
        {
            await a.System.Terminate();
        }
    }

    [Fact]
    public async Task A_cut_connection_is_dialed_again_and_messages_flow()
    {
        await using var nodes = await RemoteNodes.StartAsync(o => o with { ReconnectMinBackoff = TimeSpan.FromMilliseconds(20) },
            o => o with { ReconnectMinBackoff = TimeSpan.FromMilliseconds(20) });
        var echo = nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo"));
        Assert.Equal(new Pong(1), await echo.Ask<Pong>(new Ping(1), TimeSpan.FromSeconds(5)));

        nodes.A.Disconnect(nodes.B.Address);
        await Eventually.TrueAsync(() => nodes.A.IsConnected(nodes.B.Address) && nodes.B.IsConnected(nodes.A.Address), "the pair reconnects");

        Assert.Equal(new Pong(2), await echo.Ask<Pong>(new Ping(2), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_node_with_the_wrong_secret_is_refused_and_logged()
    {
        var logs = new ListLoggerProvider();
        var b = await RemoteNodes.StartNodeAsync(loggers: logs);
        var intruderLogs = new ListLoggerProvider();
        var intruder = await RemoteNodes.StartNodeAsync(o => o with { Secret = "not-the-cluster-secret-42" }, intruderLogs);
        try
        {
            var echo = b.System.ActorOf(Props.Create<EchoActor>(), "echo");
            var probe = new TestProbe(intruder.System, "intruder-probe");
            intruder.Associate(b.Address);
            b.Associate(intruder.Address);

            intruder.ActorRefFor(b.Address, "/user/echo").Tell(new Ping(1), probe.Ref);

            // Whichever side dials, the refusal is logged by both: the acceptor saw a bad proof, the dialer a refusal.
            await Eventually.TrueAsync(() => logs.Lines.Concat(intruderLogs.Lines).Any(l => l.Contains("secret", StringComparison.Ordinal)),
                "the refusal is logged");
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
            Assert.False(b.IsConnected(intruder.Address));
            Assert.False(intruder.IsConnected(b.Address));
            Assert.NotNull(echo);
        }
        finally
        {
            await intruder.System.Terminate();
            await b.System.Terminate();
        }
    }
}
