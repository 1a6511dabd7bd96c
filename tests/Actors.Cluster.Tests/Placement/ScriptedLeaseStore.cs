using MachineActors.Actors.Cluster.Placement;

namespace MachineActors.Actors.Cluster.Tests.Placement;

/// <summary>
/// An <see cref="ILeaseStore"/> whose answers a test decides: by default every acquire is granted at epoch 1 and
/// every renewal and release succeeds, at once. Counts the calls, so a test knows when the keeper made one.
/// </summary>
internal sealed class ScriptedLeaseStore : ILeaseStore
{
    private int _acquireCalls;
    private int _renewCalls;
    private int _releaseCalls;

    public Func<string[], Task<IReadOnlyList<MachineLease>>> Acquire { get; set; } = ids => Task.FromResult(Grant(ids, epoch: 1));

    public Func<string[], Task<IReadOnlyCollection<string>>> Renew { get; set; } = ids => Task.FromResult<IReadOnlyCollection<string>>(ids);

    public Func<string[], Task<IReadOnlyCollection<string>>> Release { get; set; } = ids => Task.FromResult<IReadOnlyCollection<string>>(ids);

    public int AcquireCalls => Volatile.Read(ref _acquireCalls);

    public int RenewCalls => Volatile.Read(ref _renewCalls);

    public int ReleaseCalls => Volatile.Read(ref _releaseCalls);

    public static IReadOnlyList<MachineLease> Grant(IEnumerable<string> ids, long epoch) =>
        [.. ids.Select(id => new MachineLease(id, "node", 1, epoch, DateTimeOffset.MaxValue))];

    public static Task<IReadOnlyCollection<string>> Fail(string[] ids) =>
        Task.FromException<IReadOnlyCollection<string>>(new InvalidOperationException($"The store is down ({ids.Length} ids)."));

    public Task<IReadOnlyList<MachineLease>> TryAcquireAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _acquireCalls);
        return Acquire([.. machineIds]);
    }

    public Task<IReadOnlyCollection<string>> RenewAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _renewCalls);
        return Renew([.. machineIds]);
    }

    public Task<IReadOnlyCollection<string>> ReleaseAsync(string ownerNode, long ownerIncarnation, IReadOnlyCollection<string> machineIds,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _releaseCalls);
        return Release([.. machineIds]);
    }
}
