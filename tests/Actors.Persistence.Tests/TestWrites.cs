using MachineActors.Actors.Persistence.Tests.Contract;

namespace MachineActors.Actors.Persistence.Tests;

/// <summary>Builds atomic writes and reads journals back for the store-specific tests.</summary>
internal static class TestWrites
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static AtomicWrite Write(string persistenceId, long from, int count = 1) =>
        new([.. Enumerable.Range(0, count).Select(i => new PersistentEvent(
            persistenceId, from + i, new LabelPrinted($"label-{from + i}", 1), s_start.AddMilliseconds(from + i)))]);

    /// <summary>One single-event write for each of <paramref name="count"/> fresh ids.</summary>
    public static List<AtomicWrite> OneEachForNewIds(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Write(NewId(prefix), 1))];

    public static async Task<List<PersistentEvent>> ReplayAll(IJournal journal, string persistenceId)
    {
        var events = new List<PersistentEvent>();
        await foreach (var e in journal.ReplayAsync(persistenceId, 1, long.MaxValue, long.MaxValue, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }
}
