using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class MailboxOrderPropertyTests
{
    private static readonly Config s_runs = Config.QuickThrowOnFailure.WithMaxTest(60);

    [Fact]
    public void Random_interleavings_of_sends_from_many_threads_keep_per_sender_order()
    {
        var scenarios =
            from senders in Gen.Choose(1, 8)
            from perSender in Gen.Choose(1, 400)
            from throughput in Gen.Choose(1, 50)
            from seed in Gen.Choose(0, int.MaxValue)
            select new Scenario(senders, perSender, throughput, seed);
        Prop.ForAll(scenarios.ToArbitrary(), scenario => scenario.Run()).Check(s_runs);
    }

    private sealed record Scenario(int Senders, int PerSender, int Throughput, int Seed)
    {
        public bool Run()
        {
            var system = ActorSystem.Create("order", new ActorSystemOptions { Throughput = Throughput, StandardErrorLogLevel = Event.LogLevel.Off });
            try
            {
                var checker = system.ActorOf(Props.Create(() => new OrderChecker()));
                using var start = new Barrier(Senders);
                var threads = Enumerable.Range(0, Senders).Select(id => new Thread(() =>
                {
                    var random = new Random(Seed + id);
                    start.SignalAndWait();
                    for (var seq = 0; seq < PerSender; seq++)
                    {
                        checker.Tell(new Numbered(id, seq), null);
                        switch (random.Next(16))
                        {
                            case 0:
                                Thread.Yield();
                                break;
                            case 1:
                                Thread.SpinWait(random.Next(200));
                                break;
                        }
                    }
                })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
                var report = checker.Ask<OrderReport>(GetReport.Instance, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
                return report.Violations == 0
                    && report.Received.Count == Senders
                    && report.Received.Values.All(count => count == PerSender);
            }
            finally
            {
                system.Terminate().Wait(TimeSpan.FromSeconds(10));
            }
        }
    }

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record GetReport
    {
        public static readonly GetReport Instance = new();
    }

    private sealed record OrderReport(int Violations, Dictionary<int, int> Received);

    private sealed class OrderChecker : ReceiveActor
    {
        private readonly Dictionary<int, int> _next = [];
        private int _violations;

        public OrderChecker()
        {
            Receive<Numbered>(n =>
            {
                var expected = _next.GetValueOrDefault(n.Sender);
                if (n.Sequence != expected)
                {
                    _violations++;
                }
                _next[n.Sender] = n.Sequence + 1;
            });
            Receive<GetReport>(_ => Sender.Tell(new OrderReport(_violations, new Dictionary<int, int>(_next)), Self));
        }
    }
}
