using System.Diagnostics;
using MachineActors.Actors.Event;

namespace MachineActors.Actors.TestKit;

/// <summary>
/// Base class for xunit tests of actors: each test gets a fresh <see cref="ActorSystem"/>, a
/// default probe as <see cref="TestActor"/>, expectations, Within/AwaitAssert and an
/// <see cref="EventFilter"/>. The system is terminated (and must terminate) when the test ends.
/// </summary>
public abstract class TestKit : IDisposable
{
    private static int s_systemNumber;
    private readonly TestProbe _testActor;
    private readonly TestTimeProvider? _time;
    private int _probeNumber;

    static TestKit()
    {
        // Expectations block test threads; keep enough pool threads for the actors meanwhile.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }

    /// <param name="options">Options of the test's actor system (its standard-error logging is always off).</param>
    /// <param name="manualTime">Gives the system a <see cref="TestTimeProvider"/>, exposed as <see cref="Time"/>, so the test moves time by hand.</param>
    protected TestKit(ActorSystemOptions? options = null, bool manualTime = false)
    {
        var number = Interlocked.Increment(ref s_systemNumber);
        options ??= new ActorSystemOptions();
        if (manualTime)
        {
            _time = new TestTimeProvider();
            options = options with { TimeProvider = _time };
        }
        Sys = ActorSystem.Create($"test-{number}", options with { StandardErrorLogLevel = LogLevel.Off });
        _testActor = CreateTestProbe("testActor");
        EventFilter = Actors.TestKit.EventFilter.For(Sys);
    }

    /// <summary>The system's clock when the test asked for manual time.</summary>
    protected TestTimeProvider Time => _time ?? throw new InvalidOperationException("This test did not ask for manual time (manualTime: true).");

    protected ActorSystem Sys { get; }

    /// <summary>The default probe: the implicit sender of <see cref="ActorRefExtensions.Tell(IActorRef, object)"/> in tests is not set, so pass it.</summary>
    protected IActorRef TestActor => _testActor.Ref;

    protected IActorRef? LastSender => _testActor.LastSender;

    protected EventFilter.EventFilterFactory EventFilter { get; }

    protected TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? $"probe-{Interlocked.Increment(ref _probeNumber)}");

    protected T ExpectMsg<T>(TimeSpan? timeout = null) => _testActor.ExpectMsg<T>(timeout);

    protected T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => _testActor.ExpectMsg(expected, timeout);

    protected T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null) => _testActor.ExpectMsg(predicate, timeout);

    protected void ExpectNoMsg(TimeSpan? duration = null) => _testActor.ExpectNoMsg(duration);

    protected Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testActor.ExpectTerminated(target, timeout);

    protected object ReceiveOne(TimeSpan? timeout = null) => _testActor.ReceiveOne(timeout);

    protected IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => _testActor.ReceiveN(count, timeout);

    protected T FishForMessage<T>(Predicate<T> predicate, TimeSpan? timeout = null) => _testActor.FishForMessage(predicate, timeout);

    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="subject"/>.</summary>
    protected IActorRef Watch(IActorRef subject) => _testActor.Watch(subject);

    protected IActorRef Unwatch(IActorRef subject) => _testActor.Unwatch(subject);

    /// <summary>Runs <paramref name="action"/>, which must finish between <paramref name="min"/> and <paramref name="max"/>; expectations inside are capped at <paramref name="max"/>.</summary>
    protected void Within(TimeSpan min, TimeSpan max, Action action)
    {
        var start = Stopwatch.GetTimestamp();
        var outer = WithinScope.Deadline;
        var deadline = start + (long)(TestTimeouts.Dilated(max).TotalSeconds * Stopwatch.Frequency);
        WithinScope.Deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            action();
        }
        finally
        {
            WithinScope.Deadline = outer;
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (elapsed < min)
        {
            throw new ExpectationFailedException($"The block finished in {elapsed.TotalMilliseconds:0} ms, before the minimum of {min.TotalMilliseconds:0} ms.");
        }
        if (elapsed > TestTimeouts.Dilated(max))
        {
            throw new ExpectationFailedException($"The block took {elapsed.TotalMilliseconds:0} ms, over the maximum of {max.TotalMilliseconds:0} ms.");
        }
    }

    protected void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Retries <paramref name="assertion"/> until it passes or <paramref name="duration"/> is over (then its last failure is thrown).</summary>
    protected void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + WithinScope.Remaining(duration, TestTimeouts.DefaultExpect);
        var pause = interval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(pause);
            }
        }
    }

    protected void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, string? message = null) =>
        AwaitAssert(() =>
        {
            if (!condition())
            {
                throw new ExpectationFailedException(message ?? "The condition did not become true in time.");
            }
        }, duration);

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }
        if (!Sys.Terminate().Wait(TestTimeouts.Dilated(TimeSpan.FromSeconds(10))))
        {
            throw new ExpectationFailedException($"Actor system {Sys.Name} did not terminate within 10 s.");
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
