using MachineActors.Actors.Event;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class SelectionAndEventStreamTests : TestKit.TestKit
{
    [Fact]
    public async Task Selection_finds_actors_by_absolute_path_and_by_full_address()
    {
        var printer = Sys.ActorOf(Props.Create<EchoActor>(), "printer-1");
        Assert.Equal(printer, await Sys.ActorSelection("/user/printer-1").ResolveOne(TimeSpan.FromSeconds(3)));
        Assert.Equal(printer, await Sys.ActorSelection(printer.Path.ToString()).ResolveOne(TimeSpan.FromSeconds(3)));
        Sys.ActorSelection("/user/printer-1").Tell("hi", TestActor);
        ExpectMsg("hi");
    }

    [Fact]
    public void Selection_resolves_relative_paths_and_wildcards_from_inside_an_actor()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "station-a");
        Sys.ActorOf(Props.Create<EchoActor>(), "station-b");
        Sys.ActorOf(Props.Create<EchoActor>(), "other");
        var asker = Sys.ActorOf(Props.Create(() => new SelectingActor()), "asker");
        asker.Tell("../station-a", TestActor);
        ExpectMsg("../station-a");
        asker.Tell("/user/station-*", TestActor);
        Assert.Equal(["/user/station-*", "/user/station-*"], ReceiveN(2).Cast<string>());
        ExpectNoMsg();
    }

    [Fact]
    public async Task Selection_of_nobody_goes_to_dead_letters_and_does_not_resolve()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.ActorSelection("/user/missing").Tell("anyone?", TestActor);
        Assert.Equal("anyone?", ExpectMsg<DeadLetter>().Message);
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/missing").ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentException>(() => Sys.ActorSelection("ma://elsewhere/user/x"));
    }

    [Fact]
    public void Subscribers_get_events_of_the_channel_type_and_its_subtypes()
    {
        var logs = CreateTestProbe();
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(logs.Ref, typeof(LogEvent));
        Sys.EventStream.Subscribe(errors.Ref, typeof(Error));
        Sys.EventStream.Publish(new Info("test", typeof(object), "hello"));
        Sys.EventStream.Publish(new Error(null, "test", typeof(object), "bad"));
        Assert.Equal("hello", logs.ExpectMsg<Info>().Message);
        Assert.Equal("bad", logs.ExpectMsg<Error>().Message);
        Assert.Equal("bad", errors.ExpectMsg<Error>().Message);
        errors.ExpectNoMsg();
        Assert.True(Sys.EventStream.Unsubscribe(logs.Ref));
        Sys.EventStream.Publish(new Info("test", typeof(object), "after"));
        logs.ExpectNoMsg();
        Assert.False(Sys.EventStream.Subscribe(errors.Ref, typeof(Error)));
    }

    private sealed class SelectingActor : ReceiveActor
    {
        public SelectingActor() => Receive<string>(path => Context.ActorSelection(path).Tell(path, Sender));
    }
}
