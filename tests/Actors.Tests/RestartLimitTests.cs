using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class RestartLimitTests : TestKit.TestKit
{
    public RestartLimitTests()
        : base(manualTime: true)
    {
    }

    [Fact]
    public void A_child_past_its_restart_limit_within_the_window_is_stopped()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(strategy)));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        Watch(child);
        for (var restart = 0; restart < 2; restart++)
        {
            child.Tell("fail", TestActor);
            ExpectMsg<Restarting>();
            FishForMessage<string>(s => s == "PreStart");
            Time.Advance(TimeSpan.FromSeconds(10));
        }
        child.Tell("fail", TestActor);
        ExpectMsg("PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Restarts_spread_beyond_the_window_are_all_allowed()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(strategy)));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = ChildStartExpectations.ChildAndItsPreStart(ReceiveN(2));
        for (var restart = 0; restart < 5; restart++)
        {
            child.Tell("fail", TestActor);
            ExpectMsg<Restarting>();
            FishForMessage<string>(s => s == "PreStart");
            Time.Advance(TimeSpan.FromMinutes(2));
        }
        child.Tell("count", TestActor);
        ExpectMsg(0);
    }
}
