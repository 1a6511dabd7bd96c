using MachineActors.Actors.Dispatch;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class MailboxTests
{
    [Fact]
    public void The_queue_delivers_everything_in_per_producer_order_to_one_consumer()
    {
        const int producers = 4;
        const int perProducer = 50_000;
        var queue = new MpscEnvelopeQueue();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                queue.Enqueue((p, i), null);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        var next = new int[producers];
        var received = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received < producers * perProducer && DateTime.UtcNow < deadline)
        {
            if (!queue.TryDequeue(out var message, out _))
            {
                Thread.Yield();
                continue;
            }
            var (producer, sequence) = ((int, int))message;
            Assert.Equal(next[producer], sequence);
            next[producer]++;
            received++;
        }
        threads.ForEach(t => t.Join());
        Assert.Equal(producers * perProducer, received);
        Assert.False(queue.TryDequeue(out _, out _));
    }

    [Fact]
    public void First_messages_racing_into_a_fresh_queue_all_arrive_in_per_producer_order()
    {
        const int producers = 4;
        const int perProducer = 3;
        for (var round = 0; round < 2_000; round++)
        {
            var queue = new MpscEnvelopeQueue();
            Assert.False(queue.HasMessagesOrEnqueueing);
            Assert.False(queue.TryDequeue(out _, out _));
            using var start = new Barrier(producers + 1);
            var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < perProducer; i++)
                {
                    queue.Enqueue((p, i), null);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            start.SignalAndWait();
            var next = new int[producers];
            var received = 0;
            var spins = new SpinWait();
            while (received < producers * perProducer)
            {
                if (!queue.TryDequeue(out var message, out _))
                {
                    spins.SpinOnce();
                    continue;
                }
                var (producer, sequence) = ((int, int))message;
                Assert.Equal(next[producer], sequence);
                next[producer]++;
                received++;
            }
            threads.ForEach(t => t.Join());
            Assert.False(queue.HasMessagesOrEnqueueing);
            Assert.False(queue.TryDequeue(out _, out _));
        }
    }

    [Theory]
    [InlineData(1, 300_000)]
    [InlineData(2, 150_000)]
    public async Task Ping_pong_pairs_never_lose_a_wake_up(int pairs, int roundTrips)
    {
        // Regression: a plain read of the scheduled flag after enqueueing could be reordered before
        // the enqueue's link store, so neither producer nor mailbox scheduled the message. Few pairs
        // on two cores keep both actors of a pair running at once, which is where the race lives.
        await using var system = ActorSystem.Create("wakeups", new ActorSystemOptions { StandardErrorLogLevel = Event.LogLevel.Off });
        var finished = Enumerable.Range(0, pairs).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        foreach (var done in finished)
        {
            var ponger = system.ActorOf(Props.Create<EchoActor>());
            var pinger = system.ActorOf(Props.Create(() => new CountingPinger(ponger, roundTrips, done)));
            pinger.Tell("serve", null);
        }
        await Task.WhenAll(finished.Select(f => f.Task)).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", new ActorSystemOptions { Throughput = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActorSystem.Create("bad", new ActorSystemOptions { DefaultAskTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
    }

    private sealed class CountingPinger : ReceiveActor
    {
        private int _left;

        public CountingPinger(IActorRef ponger, int roundTrips, TaskCompletionSource done)
        {
            _left = roundTrips;
            ReceiveAny(ball =>
            {
                if (_left-- > 0)
                {
                    ponger.Tell(ball, Self);
                }
                else
                {
                    done.TrySetResult();
                }
            });
        }
    }
}
