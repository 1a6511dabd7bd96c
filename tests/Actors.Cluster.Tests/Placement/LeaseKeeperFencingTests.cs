using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.TestKit;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Placement;

/// <summary>
/// The keeper's timing against a scripted store and a manual clock. Defaults: Duration 5 s, RenewInterval 1 s,
/// SafetyMargin 1 s, so a lease is given up 4 s after the start of its last successful acquire or renewal.
/// </summary>
public sealed class LeaseKeeperFencingTests() : TestKit.TestKit(manualTime: true)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private readonly ScriptedLeaseStore _store = new();

    private IActorRef StartKeeper() => Sys.ActorOf(LeaseKeeper.Props(_store, "node", 1, new LeaseOptions()));

    private IActorRef HoldLease(string machineId = "m")
    {
        var keeper = StartKeeper();
        keeper.Tell(new AcquireLease(machineId, TestActor));
        ExpectMsg(new LeaseGranted(machineId, 1));
        return keeper;
    }

    private void AdvanceAndAwaitRenewal(int expectedRenewCalls)
    {
        Time.Advance(Second);
        AwaitCondition(() => _store.RenewCalls == expectedRenewCalls);
    }

    private HeldLeases Held(IActorRef keeper)
    {
        keeper.Tell(GetHeldLeases.Instance, TestActor);
        return ExpectMsg<HeldLeases>();
    }

    [Fact]
    public void Successful_renewals_keep_a_lease_well_past_one_fencing_window()
    {
        var keeper = HoldLease();

        for (var renewal = 1; renewal <= 10; renewal++)
        {
            AdvanceAndAwaitRenewal(renewal);
        }

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(new Dictionary<string, long> { ["m"] = 1 }, Held(keeper).EpochByMachine);
        Assert.Equal(1, _store.AcquireCalls);
    }

    [Fact]
    public void When_renewals_fail_the_lease_is_lost_exactly_at_the_fencing_deadline_and_not_earlier()
    {
        var keeper = HoldLease();
        _store.Renew = ScriptedLeaseStore.Fail;

        AdvanceAndAwaitRenewal(1);
        AdvanceAndAwaitRenewal(2);
        AdvanceAndAwaitRenewal(3);
        Time.Advance(Second - Millisecond);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Single(Held(keeper).EpochByMachine);

        Time.Advance(Millisecond);

        ExpectMsg(new LeaseLost("m", 1));
        Assert.Empty(Held(keeper).EpochByMachine);
    }

    [Fact]
    public void A_hung_store_call_does_not_delay_the_fencing_deadline_and_is_abandoned_after_the_window()
    {
        var keeper = HoldLease();
        _store.Renew = _ => new TaskCompletionSource<IReadOnlyCollection<string>>().Task;
        AdvanceAndAwaitRenewal(1);

        Time.Advance(3 * Second - Millisecond);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Time.Advance(Millisecond);
        ExpectMsg(new LeaseLost("m", 1));

        // At 4 s the hung renewal (started at 1 s) still blocks the keeper; it is abandoned at 5 s.
        keeper.Tell(new AcquireLease("m", TestActor));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, _store.AcquireCalls);
        Time.Advance(Second);
        ExpectMsg(new LeaseGranted("m", 1));
        Assert.Equal(2, _store.AcquireCalls);
    }

    [Fact]
    public void The_deadline_counts_from_before_the_granting_call_started_not_from_its_answer()
    {
        var answer = new TaskCompletionSource<IReadOnlyList<MachineLease>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Acquire = _ => answer.Task;
        _store.Renew = ScriptedLeaseStore.Fail;
        var keeper = StartKeeper();
        keeper.Tell(new AcquireLease("m", TestActor));
        AwaitCondition(() => _store.AcquireCalls == 1);

        // The database granted at some instant during a call that took 0.7 s; only its start is safe to count from.
        Time.Advance(TimeSpan.FromMilliseconds(700));
        answer.SetResult(ScriptedLeaseStore.Grant(["m"], epoch: 3));
        ExpectMsg(new LeaseGranted("m", 3));

        Time.Advance(TimeSpan.FromMilliseconds(3300) - Millisecond);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Time.Advance(Millisecond);
        ExpectMsg(new LeaseLost("m", 3));
    }

    [Fact]
    public void A_renewal_answered_after_the_deadline_does_not_revive_the_lease()
    {
        var answer = new TaskCompletionSource<IReadOnlyCollection<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keeper = HoldLease();
        _store.Renew = _ => answer.Task;
        AdvanceAndAwaitRenewal(1);

        Time.Advance(3 * Second);
        ExpectMsg(new LeaseLost("m", 1));
        answer.SetResult(["m"]);

        Assert.Empty(Held(keeper).EpochByMachine);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_renewal_that_does_not_return_a_lease_loses_it_at_once()
    {
        var keeper = HoldLease("m");
        keeper.Tell(new AcquireLease("n", TestActor));
        ExpectMsg(new LeaseGranted("n", 1));
        _store.Renew = ids => Task.FromResult<IReadOnlyCollection<string>>([.. ids.Where(id => id != "m")]);

        // Asking for "n" renewed "m" once already.
        AdvanceAndAwaitRenewal(2);

        ExpectMsg(new LeaseLost("m", 1));
        Assert.Equal(new Dictionary<string, long> { ["n"] = 1 }, Held(keeper).EpochByMachine);
    }

    [Fact]
    public void Leases_waited_for_are_retried_in_one_batch_every_interval_until_granted()
    {
        var batches = new List<string[]>();
        _store.Acquire = ids =>
        {
            lock (batches)
            {
                batches.Add(ids);
            }
            return Task.FromResult<IReadOnlyList<MachineLease>>(batches.Count < 3 ? [] : ScriptedLeaseStore.Grant(ids, epoch: 2));
        };
        var keeper = StartKeeper();
        var other = CreateTestProbe();
        keeper.Tell(new AcquireLease("m", TestActor));
        AwaitCondition(() => _store.AcquireCalls == 1);
        keeper.Tell(new AcquireLease("n", other.Ref));
        AwaitCondition(() => _store.AcquireCalls == 2);

        Time.Advance(Second);

        ExpectMsg(new LeaseGranted("m", 2));
        other.ExpectMsg(new LeaseGranted("n", 2));
        Assert.Equal(3, batches.Count);
        Assert.Equal(["m", "n"], batches[2].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_released_lease_is_given_back_and_never_reported_lost()
    {
        var keeper = HoldLease();

        keeper.Tell(new ReleaseLease("m"));

        AwaitCondition(() => _store.ReleaseCalls == 1);
        Assert.Empty(Held(keeper).EpochByMachine);
        Time.Advance(10 * Second);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, _store.RenewCalls);
    }

    [Fact]
    public void A_release_asked_for_during_a_renewal_runs_after_it_and_is_not_renewed()
    {
        var renewal = new TaskCompletionSource<IReadOnlyCollection<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new List<string>();
        var keeper = HoldLease("m");
        keeper.Tell(new AcquireLease("n", TestActor));
        ExpectMsg(new LeaseGranted("n", 1));
        _store.Renew = ids =>
        {
            lock (calls)
            {
                calls.Add("renew " + string.Join(',', ids.Order(StringComparer.Ordinal)));
            }
            return calls.Count == 1 ? renewal.Task : Task.FromResult<IReadOnlyCollection<string>>(ids);
        };
        _store.Release = ids =>
        {
            lock (calls)
            {
                calls.Add("release " + string.Join(',', ids));
            }
            return Task.FromResult<IReadOnlyCollection<string>>(ids);
        };
        // Asking for "n" renewed "m" once already.
        AdvanceAndAwaitRenewal(2);

        keeper.Tell(new ReleaseLease("m"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, _store.ReleaseCalls);
        renewal.SetResult(["m", "n"]);

        AwaitCondition(() => _store.RenewCalls == 3);
        lock (calls)
        {
            Assert.Equal(["renew m,n", "release m", "renew n"], calls);
        }
        Assert.Equal(new Dictionary<string, long> { ["n"] = 1 }, Held(keeper).EpochByMachine);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ReleaseAll_answers_once_the_store_has_released_every_lease()
    {
        var released = new TaskCompletionSource<IReadOnlyCollection<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        string[]? releasedIds = null;
        _store.Release = ids =>
        {
            releasedIds = ids;
            return released.Task;
        };
        var keeper = HoldLease("m");
        keeper.Tell(new AcquireLease("n", TestActor));
        ExpectMsg(new LeaseGranted("n", 1));

        keeper.Tell(ReleaseAll.Instance, TestActor);

        AwaitCondition(() => _store.ReleaseCalls == 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        released.SetResult(["m", "n"]);
        ExpectMsg(LeasesReleased.Instance);
        Assert.Equal(["m", "n"], releasedIds!.Order(StringComparer.Ordinal));
        Assert.Empty(Held(keeper).EpochByMachine);
        Time.Advance(10 * Second);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_keeper_that_stops_tells_its_holders_their_leases_are_lost()
    {
        var keeper = HoldLease();
        Watch(keeper);

        Sys.Stop(keeper);

        var messages = ReceiveN(2);
        Assert.Contains(new LeaseLost("m", 1), messages);
        Assert.Contains(messages, m => m is Terminated);
    }
}
