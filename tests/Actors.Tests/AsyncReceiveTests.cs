using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class AsyncReceiveTests : TestKit.TestKit
{
    [Fact]
    public void No_other_message_is_processed_while_an_async_handler_runs()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, TestActor)));
        ExpectMsg("started");
        actor.Tell("slow", TestActor);
        ExpectMsg("slow started");
        actor.Tell("quick", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        gate.SetResult();
        ExpectMsg("slow finished");
        ExpectMsg("quick");
    }

    [Fact]
    public void Sender_and_implicit_sender_survive_an_await()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, TestActor)));
        var probe = CreateTestProbe();
        probe.Send(actor, "reply-after-await");
        gate.SetResult();
        probe.ExpectMsg("replied");
        Assert.Equal(actor, probe.LastSender);
    }

    [Fact]
    public void An_exception_after_an_await_fails_and_restarts_the_actor()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, TestActor)));
        ExpectMsg("started");
        EventFilter.Exception<InvalidOperationException>("failed after await").ExpectOne(() =>
        {
            actor.Tell("fail-later", TestActor);
            gate.SetResult();
        });
        ExpectMsg("started");
        actor.Tell("quick", TestActor);
        ExpectMsg("quick");
    }

    [Fact]
    public void A_stop_waits_for_the_running_async_handler()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new AwaitingActor(gate.Task, TestActor)));
        ExpectMsg("started");
        actor.Tell("slow", TestActor);
        ExpectMsg("slow started");
        Watch(actor);
        Sys.Stop(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gate.SetResult();
        ExpectMsg("slow finished");
        ExpectTerminated(actor);
    }

    [Fact]
    public void A_started_task_holds_the_mailbox_until_it_completes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new SuspendingActor(gate.Task, TestActor)));
        actor.Tell("slow", TestActor);
        ExpectMsg("slow started");
        actor.Tell("quick", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        gate.SetResult();
        ExpectMsg("slow finished");
        ExpectMsg("quick");
    }

    [Fact]
    public void A_started_task_that_faults_fails_the_actor_whether_or_not_it_completed_at_once()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Sys.ActorOf(Props.Create(() => new SuspendingActor(gate.Task, TestActor)));
        EventFilter.Exception<InvalidOperationException>("failed at once").ExpectOne(() => actor.Tell("fail-now", TestActor));
        ExpectMsg("restarted");
        EventFilter.Exception<InvalidOperationException>("failed after await").ExpectOne(() =>
        {
            actor.Tell("fail-later", TestActor);
            gate.SetResult();
        });
        ExpectMsg("restarted");
        actor.Tell("quick", TestActor);
        ExpectMsg("quick");
    }

    [Fact]
    public void A_started_task_that_completed_at_once_costs_no_allocation()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SuspendingActor(Task.CompletedTask, TestActor)));
        actor.Tell("measure", TestActor);
        actor.Tell("measure", TestActor);
        ExpectMsg<long>();
        Assert.Equal(0, ExpectMsg<long>());
    }

    private sealed class SuspendingActor(Task gate, IActorRef probe) : ActorBase
    {
        protected internal override bool Receive(object message)
        {
            switch (message)
            {
                case "slow":
                    SuspendUntilCompleted(Slow());
                    return true;
                case "fail-now":
                    SuspendUntilCompleted(Fail(Task.CompletedTask, "failed at once"));
                    return true;
                case "fail-later":
                    SuspendUntilCompleted(Fail(gate, "failed after await"));
                    return true;
                case "measure":
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    SuspendUntilCompleted(Task.CompletedTask);
                    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    probe.Tell(allocated, Self);
                    return true;
                case string other:
                    probe.Tell(other, Self);
                    return true;
                default:
                    return false;
            }
        }

        protected override void PostRestart(Exception reason) => probe.Tell("restarted", Self);

        private async Task Slow()
        {
            probe.Tell("slow started", Self);
            await gate;
            probe.Tell("slow finished", Self);
        }

        private static async Task Fail(Task before, string why)
        {
            await before;
            throw new InvalidOperationException(why);
        }
    }

    private sealed class AwaitingActor : ReceiveActor
    {
        public AwaitingActor(Task gate, IActorRef probe)
        {
            probe.Tell("started", ActorRefs.NoSender);
            ReceiveAsync<string>(s => s == "slow", async _ =>
            {
                probe.Tell("slow started", Self);
                await gate;
                probe.Tell("slow finished", Self);
            });
            ReceiveAsync<string>(s => s == "reply-after-await", async _ =>
            {
                await gate;
                await Task.Yield();
                Sender.Tell("replied");
            });
            ReceiveAsync<string>(s => s == "fail-later", async _ =>
            {
                await gate;
                throw new InvalidOperationException("failed after await");
            });
            Receive<string>(m => probe.Tell(m, Self));
        }
    }
}
