using MachineActors.Actors.Persistence.Serialization;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.Contract;

/// <summary>
/// The journal contract (in the spirit of Akka's persistence TCK). Every store's test class inherits
/// it and says how to open the store; each test works on fresh persistence ids, so a store may be
/// shared between tests.
/// </summary>
public abstract class JournalContract : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private IJournal? _journal;

    protected IJournal Journal => _journal ?? throw new InvalidOperationException("The journal is not open.");

    /// <summary>Opens the store under test (schema created) with the given serializer.</summary>
    protected abstract Task<IJournal> OpenAsync(EventSerializer serializer);

    /// <summary>Opens the same storage again with another serializer, as a restarted process would.</summary>
    protected abstract Task<IJournal> ReopenAsync(EventSerializer serializer);

    public async Task InitializeAsync() => _journal = await OpenAsync(ContractSerialization.Serializer());

    public async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync();
        }
    }

    protected static string NewId(string prefix = "printer") => $"{prefix}-{Guid.NewGuid():N}";

    protected static AtomicWrite Write(string persistenceId, long from, int count, Func<long, object>? payload = null) =>
        new([.. Enumerable.Range(0, count).Select(i => new PersistentEvent(
            persistenceId, from + i, payload?.Invoke(from + i) ?? new LabelPrinted($"label-{from + i}", 1), s_now.AddSeconds(from + i)))]);

    protected async Task WriteOk(params AtomicWrite[] writes)
    {
        var results = await Journal.WriteAsync(writes, CancellationToken.None);
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<PersistentEvent>> Replay(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue, IJournal? journal = null)
    {
        var events = new List<PersistentEvent>();
        await foreach (var e in (journal ?? Journal).ReplayAsync(persistenceId, from, to, max, CancellationToken.None))
        {
            events.Add(e);
        }
        return events;
    }

    [Fact]
    public async Task Written_events_replay_in_order_with_equal_payloads()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 1), Write(id, 2, 1), Write(id, 3, 2));
        var events = await Replay(id);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.SequenceNr));
        Assert.Equal(new LabelPrinted("label-3", 1), events[2].Payload);
        Assert.All(events, e => Assert.Equal(id, e.PersistenceId));
        Assert.Equal(s_now.AddSeconds(4), events[3].Timestamp);
    }

    [Fact]
    public async Task Replay_honours_from_to_and_max()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 10));
        Assert.Equal([3L, 4, 5], (await Replay(id, 3, 5)).Select(e => e.SequenceNr));
        Assert.Equal([6L, 7], (await Replay(id, 6, long.MaxValue, 2)).Select(e => e.SequenceNr));
        Assert.Empty(await Replay(id, 11));
        Assert.Empty(await Replay(id, 5, 4));
        Assert.Empty(await Replay(NewId("unknown")));
    }

    [Fact]
    public async Task The_highest_sequence_number_survives_deletion()
    {
        var id = NewId();
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        await WriteOk(Write(id, 1, 5));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        await Journal.DeleteMessagesToAsync(id, 5, CancellationToken.None);
        Assert.Empty(await Replay(id));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_up_to_a_number_keeps_the_rest()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 6));
        await Journal.DeleteMessagesToAsync(id, 3, CancellationToken.None);
        Assert.Equal([4L, 5, 6], (await Replay(id)).Select(e => e.SequenceNr));
        await Journal.DeleteMessagesToAsync(id, 2, CancellationToken.None);
        Assert.Equal([4L, 5, 6], (await Replay(id)).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task Deleting_past_the_end_keeps_the_real_highest_sequence_number()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 4));
        await Journal.DeleteMessagesToAsync(id, long.MaxValue, CancellationToken.None);
        Assert.Empty(await Replay(id));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        await WriteOk(Write(id, 5, 2));
        Assert.Equal([5L, 6], (await Replay(id)).Select(e => e.SequenceNr));
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task The_highest_sequence_number_survives_deletion_and_a_reopen()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 3));
        await Journal.DeleteMessagesToAsync(id, 3, CancellationToken.None);
        var reopened = await ReopenAsync(ContractSerialization.Serializer());
        try
        {
            Assert.Equal(3, await reopened.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }

    [Fact]
    public async Task Timestamps_read_back_to_the_tick()
    {
        var id = NewId();
        var odd = new DateTimeOffset(2026, 11, 21, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        await WriteOk(new AtomicWrite([new PersistentEvent(id, 1, new LabelPrinted("t", 1), odd)]));
        var e = Assert.Single(await Replay(id));
        Assert.Equal(odd.UtcTicks, e.Timestamp.UtcTicks);
    }

    [Fact]
    public async Task Writes_of_many_ids_in_one_batch_are_all_stored()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => NewId()).ToList();
        await WriteOk([.. ids.Select(id => Write(id, 1, 3))]);
        foreach (var id in ids)
        {
            Assert.Equal([1L, 2, 3], (await Replay(id)).Select(e => e.SequenceNr));
        }
    }

    [Fact]
    public async Task A_failing_batch_stores_nothing()
    {
        var taken = NewId();
        var fresh = NewId();
        await WriteOk(Write(taken, 1, 1));
        // The second write reuses sequence number 1 of an id: the store must refuse the whole batch.
        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteAsync([Write(fresh, 1, 3), Write(taken, 1, 1)], CancellationToken.None));
        Assert.Empty(await Replay(fresh));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(fresh, CancellationToken.None));
        Assert.Single(await Replay(taken));
    }

    [Fact]
    public async Task An_unserializable_write_is_rejected_alone()
    {
        var good = NewId();
        var bad = NewId();
        var results = await Journal.WriteAsync(
            [Write(good, 1, 2), Write(bad, 1, 2, n => n == 2 ? new NotRegistered("x") : new LabelPrinted("ok", 1))],
            CancellationToken.None);
        Assert.Null(results[0]);
        var rejection = Assert.IsType<PersistenceSerializationException>(results[1]);
        Assert.Contains(nameof(NotRegistered), rejection.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await Replay(good)).Count);
        Assert.Empty(await Replay(bad));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(bad, CancellationToken.None));
    }

    [Fact]
    public async Task A_very_large_event_is_rejected_with_a_clear_error()
    {
        var id = NewId();
        var huge = new LabelPrinted(new string('x', ContractSerialization.MaxPayloadBytes + 1), 1);
        var results = await Journal.WriteAsync([Write(id, 1, 1, _ => huge)], CancellationToken.None);
        var rejection = Assert.IsType<PersistenceSerializationException>(results[0]);
        Assert.Contains("larger than the limit", rejection.Message, StringComparison.Ordinal);
        Assert.Empty(await Replay(id));
    }

    [Fact]
    public async Task Concurrent_writers_on_different_ids_each_keep_their_order()
    {
        var ids = Enumerable.Range(0, 16).Select(_ => NewId("concurrent")).ToList();
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            for (var n = 1; n <= 25; n++)
            {
                var results = await Journal.WriteAsync([Write(id, n, 1, s => new SettingChanged("N", s.ToString(System.Globalization.CultureInfo.InvariantCulture)))], CancellationToken.None);
                Assert.Null(results[0]);
            }
        })));
        foreach (var id in ids)
        {
            var events = await Replay(id);
            Assert.Equal(Enumerable.Range(1, 25).Select(n => (long)n), events.Select(e => e.SequenceNr));
            Assert.Equal("25", ((SettingChanged)events[^1].Payload).Value);
            Assert.Equal(25, await Journal.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_unknown_manifest_is_a_clear_recovery_error()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 1));
        var reopened = await ReopenAsync(ContractSerialization.SerializerKnowingNothing());
        try
        {
            var error = await Assert.ThrowsAsync<PersistenceSerializationException>(() => Replay(id, journal: reopened));
            Assert.Contains("Unknown manifest 'label-printed.v1'", error.Message, StringComparison.Ordinal);
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_written_before_a_reopen_are_read_after_it()
    {
        var id = NewId();
        await WriteOk(Write(id, 1, 3));
        var reopened = await ReopenAsync(ContractSerialization.Serializer());
        try
        {
            Assert.Equal([1L, 2, 3], (await Replay(id, journal: reopened)).Select(e => e.SequenceNr));
            Assert.Equal(3, await reopened.ReadHighestSequenceNrAsync(id, CancellationToken.None));
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }
}
