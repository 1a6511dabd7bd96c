using Xunit;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>
/// A persistent actor that stops after a failed write or recovery hands everything it took but will never handle to
/// <see cref="PersistentActor.OnDroppedAfterFailure"/>, so it can answer callers at once instead of leaving them to
/// their timeouts (the registry's stores and print queues do; without that a failed database read held a machine's
/// start-up for the store's 30 s timeout).
/// </summary>
public sealed class DroppedAfterFailureTests : PersistenceTestKit
{
    private static readonly TimeSpan s_quick = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_failed_write_answers_its_own_caller_and_every_command_waiting_behind_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AnsweringActor(NewId(), failOnRecovery: false)));
        Assert.Equal(0, await actor.Ask<int>("get", s_quick));
        Journal.Hold();
        Journal.FailWritesWith = new IOException("disk gone");
        var written = actor.Ask<int>(new Add(1), s_quick);
        var queued = actor.Ask<int>(new Add(2), s_quick);
        var read = actor.Ask<int>("get", s_quick);
        var timer = System.Diagnostics.Stopwatch.StartNew();
        Journal.Release();

        foreach (var call in new Task[] { written, queued, read })
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
            Assert.Contains("disk gone", failure.Message, StringComparison.Ordinal);
        }
        Assert.True(timer.Elapsed < s_quick, $"the callers were answered after {timer.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(["event Added", "command Add", "command String"], AnsweringActor.Dropped(actor));
    }

    [Fact]
    public async Task A_failed_recovery_answers_the_commands_that_waited_for_it()
    {
        var id = NewId();
        var first = Sys.ActorOf(Props.Create(() => new AnsweringActor(id, failOnRecovery: false)));
        Assert.Equal(1, await first.Ask<int>(new Add(1), s_quick));
        var probe = CreateTestProbe();
        probe.Watch(first);
        Sys.Stop(first);
        probe.ExpectTerminated(first);

        // The replay is held until the command is in the mailbox, so the command is stashed before the recovery
        // fails; a command that only arrives after the actor stopped goes to dead letters like any other.
        Journal.HoldReplays();
        var broken = Sys.ActorOf(Props.Create(() => new AnsweringActor(id, failOnRecovery: true)));
        var read = broken.Ask<int>("get", s_quick);
        Journal.ReleaseReplays();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => read);
        Assert.Contains("recovery broke", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void By_default_nothing_is_answered_and_the_waiting_commands_go_to_dead_letters()
    {
        var counter = StartCounter(NewId(), TestActor);
        ExpectMsg("recovered total=0 seq=0");
        Journal.Hold();
        Journal.FailWritesWith = new IOException("disk gone");
        counter.Tell(new Add(1), TestActor);
        counter.Tell("get", TestActor);
        Watch(counter);
        EventFilter.Exception<IOException>().ExpectOne(() => Journal.Release());
        ExpectTerminated(counter);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Adds numbers; answers the callers it drops after a failure with a <see cref="Status.Failure"/> naming the cause.</summary>
    private sealed class AnsweringActor : ReceivePersistentActor
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> s_dropped = new();
        private readonly string _id;
        private int _total;

        public AnsweringActor(string id, bool failOnRecovery)
        {
            _id = id;
            Recover<Added>(added => _total += failOnRecovery ? throw new InvalidOperationException("recovery broke") : added.Amount);
            Command<Add>(add => Persist(new Added(add.Amount), added =>
            {
                _total += added.Amount;
                Sender.Tell(_total, Self);
            }));
            Command<string>(s => s == "get", _ => Sender.Tell(_total, Self));
        }

        public override string PersistenceId => _id;

        public static List<string> Dropped(IActorRef actor) => s_dropped.GetValueOrDefault(actor.Path.Name) ?? [];

        protected override bool OnDroppedAfterFailure(object message, IActorRef? sender, Exception cause)
        {
            var kind = message is Added ? "event" : "command";
            s_dropped.GetOrAdd(Self.Path.Name, _ => []).Add($"{kind} {message.GetType().Name}");
            sender?.Tell(new Status.Failure(new InvalidOperationException($"not handled: {cause.Message}")), Self);
            return sender is not null;
        }
    }
}
