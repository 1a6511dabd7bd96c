using System.Diagnostics;
using System.Threading.Channels;
using MachineActors.Actors;

namespace MachineActors.Bench;

/// <summary>
/// Creates 100,000 idle actors and measures actors/second (until every PreStart has run) and the
/// bytes each retains after a full GC. Baseline: the same number of hand-rolled "channel actors"
/// (an unbounded channel with a task awaiting it), the raw primitive an actor replaces.
/// </summary>
internal static class SpawnBenchmark
{
    private const int Count = 100_000;

    public static async Task Run(bool quick)
    {
        var repetitions = quick ? 1 : 3;
        Console.WriteLine($"spawn: {Count:N0} idle actors, best of {repetitions}");
        await SpawnActors(Count / 10);
        await SpawnChannelActors(Count / 10);
        (double Rate, double Bytes) actors = (0, double.MaxValue), channels = (0, double.MaxValue);
        for (var i = 0; i < repetitions; i++)
        {
            var a = await SpawnActors(Count);
            var c = await SpawnChannelActors(Count);
            actors = (Math.Max(actors.Rate, a.Rate), Math.Min(actors.Bytes, a.Bytes));
            channels = (Math.Max(channels.Rate, c.Rate), Math.Min(channels.Bytes, c.Bytes));
        }
        Console.WriteLine($"{"",16} {"per second",12} {"bytes each",11}");
        Console.WriteLine($"{"actors",16} {actors.Rate,12:N0} {actors.Bytes,11:N0}");
        Console.WriteLine($"{"channel+task",16} {channels.Rate,12:N0} {channels.Bytes,11:N0}");
        Report.Result("spawn", ("actors", Count), ("actors_per_s", Math.Round(actors.Rate)), ("bytes_per_actor", Math.Round(actors.Bytes)),
            ("baseline_per_s", Math.Round(channels.Rate)), ("baseline_bytes", Math.Round(channels.Bytes)),
            ("ratio", Math.Round(actors.Rate / channels.Rate, 2)));
    }

    private static async Task<(double Rate, double Bytes)> SpawnActors(int count)
    {
        var system = ActorSystem.Create("spawn");
        var started = new StartCounter(count);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            system.ActorOf(Props.Create(() => new IdleActor(started)));
        }
        await started.AllStarted;
        var rate = count / watch.Elapsed.TotalSeconds;
        var bytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
        GC.KeepAlive(system);
        await system.Terminate();
        return (rate, bytes);
    }

    private static async Task<(double Rate, double Bytes)> SpawnChannelActors(int count)
    {
        var started = new StartCounter(count);
        var mailboxes = new Channel<object>[count];
        var loops = new Task[count];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var mailbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            mailboxes[i] = mailbox;
            loops[i] = Task.Run(async () =>
            {
                started.Started();
                await foreach (var message in mailbox.Reader.ReadAllAsync())
                {
                    GC.KeepAlive(message);
                }
            });
        }
        await started.AllStarted;
        var rate = count / watch.Elapsed.TotalSeconds;
        var bytes = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)count;
        foreach (var mailbox in mailboxes)
        {
            mailbox.Writer.Complete();
        }
        await Task.WhenAll(loops);
        return (rate, bytes);
    }

    private sealed class StartCounter(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public Task AllStarted => _all.Task;

        public void Started()
        {
            if (Interlocked.Increment(ref _started) == expected)
            {
                _all.TrySetResult();
            }
        }
    }

    /// <summary>A typical small actor: one typed handler that replies.</summary>
    private sealed class IdleActor : ReceiveActor
    {
        private readonly StartCounter _started;

        public IdleActor(StartCounter started)
        {
            _started = started;
            Receive<string>(text => Sender.Tell(text, Self));
        }

        protected override void PreStart() => _started.Started();
    }
}
