using MachineActors.Actors.Event;
using Xunit;

namespace MachineActors.Actors.Tests;

public sealed class AskTests : TestKit.TestKit
{
    public AskTests()
        : base(manualTime: true)
    {
    }

    [Fact]
    public async Task Ask_returns_the_first_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Equal("hello", await echo.Ask<string>("hello", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            echo.Ask<string>(new Status.Failure(new InvalidOperationException("no paper")), TimeSpan.FromSeconds(5)));
        Assert.Equal("no paper", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_the_task()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<string>(42, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Timeout_gives_AskTimeoutException_and_the_late_reply_goes_to_dead_letters()
    {
        var silent = Sys.ActorOf(Props.Create(() => new HoldingActor()));
        var ask = silent.Ask<string>("question", TimeSpan.FromSeconds(2));
        await AwaitPendingTimer();
        Time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        silent.Tell("answer now", TestActor);
        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("late answer", deadLetter.Message);
    }

    [Fact]
    public async Task Ask_does_not_time_out_before_its_deadline()
    {
        var silent = Sys.ActorOf(Props.Create(() => new HoldingActor()));
        var ask = silent.Ask<string>("question", TimeSpan.FromSeconds(2));
        await AwaitPendingTimer();
        Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(ask.IsCompleted);
        silent.Tell("answer now", TestActor);
        Assert.Equal("late answer", await ask.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancelling_the_token_cancels_the_ask()
    {
        var silent = Sys.ActorOf(Props.Create(() => new HoldingActor()));
        using var cancellation = new CancellationTokenSource();
        var ask = silent.Ask<string>("question", TimeSpan.FromMinutes(1), cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public void Ask_arguments_are_checked()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = echo.Ask<string>("x", TimeSpan.Zero); });
        Assert.Throws<ArgumentNullException>(() => { _ = echo.Ask<string>(null!, TimeSpan.FromSeconds(1)); });
    }

    // Ask arms its timeout timer before it returns.
    private Task AwaitPendingTimer()
    {
        Assert.True(Time.PendingTimers > 0);
        return Task.CompletedTask;
    }

    /// <summary>Keeps the sender of "question" and answers only when told "answer now".</summary>
    private sealed class HoldingActor : ReceiveActor
    {
        private IActorRef? _asker;

        public HoldingActor()
        {
            Receive<string>(s => s == "question", _ => _asker = Sender);
            Receive<string>(s => s == "answer now", _ => _asker?.Tell("late answer", Self));
        }
    }
}
