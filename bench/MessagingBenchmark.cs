using System.Diagnostics;
using System.Threading.Channels;
using MachineActors.Actors;

namespace MachineActors.Bench;

/// <summary>
/// Ping-pong between pairs, one message in flight per pair: (a) two tasks joined by two unbounded
/// System.Threading.Channels, (b) two actors. Both count every hop as one message.
/// </summary>
internal static class MessagingBenchmark
{
    private static readonly int[] s_pairCounts = [1, 2, 8, 64];
    private static readonly object s_ball = new();

    public static async Task Run(bool quick)
    {
        var hopsPerRun = quick ? 200_000 : 2_000_000;
        var repetitions = quick ? 2 : 3;
        Console.WriteLine($"actors: ping-pong, {hopsPerRun:N0} messages per run, best of {repetitions}");
        Console.WriteLine($"{"pairs",6} {"channel msg/s",15} {"actor msg/s",15} {"ratio",7}");
        (double Channel, double Actor) eightPairs = default;
        await using var system = ActorSystem.Create("bench");
        foreach (var pairs in s_pairCounts)
        {
            var perPair = hopsPerRun / pairs / 2;
            await ChannelPingPong(pairs, Math.Max(1, perPair / 10));
            await ActorPingPong(system, pairs, Math.Max(1, perPair / 10));
            double channelBest = 0, actorBest = 0;
            for (var i = 0; i < repetitions; i++)
            {
                channelBest = Math.Max(channelBest, await ChannelPingPong(pairs, perPair));
                actorBest = Math.Max(actorBest, await ActorPingPong(system, pairs, perPair));
            }
            Console.WriteLine($"{pairs,6} {channelBest,15:N0} {actorBest,15:N0} {actorBest / channelBest,7:F2}");
            if (pairs == 8)
            {
                eightPairs = (channelBest, actorBest);
            }
        }
        Report.Result("actors", ("pairs", 8), ("actor_msgs_per_s", eightPairs.Actor), ("channel_msgs_per_s", eightPairs.Channel),
            ("ratio", Math.Round(eightPairs.Actor / eightPairs.Channel, 2)));
    }

    private static async Task<double> ChannelPingPong(int pairs, int roundTrips)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>();
        for (var p = 0; p < pairs; p++)
        {
            var toPong = Channel.CreateUnbounded<object>(options);
            var toPing = Channel.CreateUnbounded<object>(options);
            tasks.Add(Task.Run(async () =>
            {
                for (var i = 0; i < roundTrips; i++)
                {
                    var ball = await toPong.Reader.ReadAsync();
                    toPing.Writer.TryWrite(ball);
                }
            }));
            tasks.Add(Task.Run(async () =>
            {
                for (var i = 0; i < roundTrips; i++)
                {
                    toPong.Writer.TryWrite(s_ball);
                    await toPing.Reader.ReadAsync();
                }
            }));
        }
        await Task.WhenAll(tasks);
        return pairs * roundTrips * 2 / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<double> ActorPingPong(ActorSystem system, int pairs, int roundTrips)
    {
        var done = new List<Task>();
        var pingers = new List<IActorRef>();
        var actors = new List<IActorRef>();
        for (var p = 0; p < pairs; p++)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ponger = system.ActorOf(Props.Create(() => new Ponger()));
            var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips, finished)));
            done.Add(finished.Task);
            pingers.Add(pinger);
            actors.Add(ponger);
            actors.Add(pinger);
        }
        // Let every actor finish starting before the clock runs.
        foreach (var actor in actors)
        {
            await actor.Ask<ActorIdentity>(new Identify(null));
        }
        var start = Stopwatch.GetTimestamp();
        foreach (var pinger in pingers)
        {
            pinger.Tell(s_ball, null);
        }
        await Task.WhenAll(done);
        var rate = pairs * roundTrips * 2 / Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (var actor in actors)
        {
            system.Stop(actor);
        }
        return rate;
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => ReceiveAny(ball => Sender.Tell(ball, Self));
    }

    private sealed class Pinger : ReceiveActor
    {
        private readonly IActorRef _ponger;
        private readonly TaskCompletionSource _finished;
        private int _left;

        public Pinger(IActorRef ponger, int roundTrips, TaskCompletionSource finished)
        {
            _ponger = ponger;
            _left = roundTrips;
            _finished = finished;
            ReceiveAny(ball =>
            {
                // The first message is the serve; each one after it is a returned ball.
                if (_left-- > 0)
                {
                    _ponger.Tell(ball, Self);
                }
                else
                {
                    _finished.TrySetResult();
                }
            });
        }
    }
}
