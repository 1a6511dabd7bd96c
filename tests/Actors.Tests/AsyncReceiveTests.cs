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
