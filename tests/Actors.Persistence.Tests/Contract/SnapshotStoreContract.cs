using MachineActors.Actors.Persistence.Serialization;
using Xunit;

namespace MachineActors.Actors.Persistence.Tests.Contract;

/// <summary>The snapshot-store contract every store's test class inherits.</summary>
public abstract class SnapshotStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    protected abstract Task<ISnapshotStore> OpenAsync(EventSerializer serializer);

    protected abstract Task<ISnapshotStore> ReopenAsync(EventSerializer serializer);

    public async Task InitializeAsync() => _store = await OpenAsync(ContractSerialization.Serializer());

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private static string NewId() => $"snap-{Guid.NewGuid():N}";

    /// <summary>Saves snapshots at sequence numbers 10, 20, 30 taken one minute apart.</summary>
    private async Task<string> SaveThree()
    {
        var id = NewId();
        for (var i = 1; i <= 3; i++)
        {
            await Store.SaveAsync(new SnapshotMetadata(id, i * 10, s_start.AddMinutes(i)), new PrinterSnapshot("p", i * 10, [$"l{i}"]), CancellationToken.None);
        }
        return id;
    }

    [Fact]
    public async Task Load_returns_the_newest_snapshot()
    {
        var id = await SaveThree();
        var loaded = await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(30, loaded.Metadata.SequenceNr);
        Assert.Equal(s_start.AddMinutes(3), loaded.Metadata.Timestamp);
        var snapshot = Assert.IsType<PrinterSnapshot>(loaded.Snapshot);
        Assert.Equal(30, snapshot.Printed);
        Assert.Equal(["l3"], snapshot.Labels);
    }

    [Fact]
    public async Task Load_honours_the_criteria()
    {
        var id = await SaveThree();
        Assert.Equal(20, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 25), CancellationToken.None))!.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxTimestamp: s_start.AddMinutes(1.5)), CancellationToken.None))!.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 30, MinSequenceNr: 31), CancellationToken.None));
        Assert.Null(await Store.LoadAsync(id, SnapshotSelectionCriteria.None, CancellationToken.None));
        Assert.Null(await Store.LoadAsync(NewId(), SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_at_the_same_sequence_number_replaces_the_snapshot()
    {
        var id = NewId();
        await Store.SaveAsync(new SnapshotMetadata(id, 5, s_start), new PrinterSnapshot("first", 5, []), CancellationToken.None);
        await Store.SaveAsync(new SnapshotMetadata(id, 5, s_start.AddSeconds(1)), new PrinterSnapshot("second", 5, []), CancellationToken.None);
        var loaded = await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None);
        Assert.Equal("second", ((PrinterSnapshot)loaded!.Snapshot).Name);
    }

    [Fact]
    public async Task Deletes_remove_only_what_they_select()
    {
        var id = await SaveThree();
        await Store.DeleteAsync(new SnapshotMetadata(id, 30, s_start.AddMinutes(3)), CancellationToken.None);
        Assert.Equal(20, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None))!.Metadata.SequenceNr);
        await Store.DeleteAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 15), CancellationToken.None);
        Assert.Equal(20, (await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None))!.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync(id, new SnapshotSelectionCriteria(MaxSequenceNr: 15), CancellationToken.None));
        await Store.DeleteAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None);
        Assert.Null(await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    [Fact]
    public async Task Timestamps_read_back_and_select_to_the_tick()
    {
        var id = NewId();
        var odd = s_start.AddTicks(1_234_567);
        await Store.SaveAsync(new SnapshotMetadata(id, 7, odd), new PrinterSnapshot("p", 7, []), CancellationToken.None);
        var exact = new SnapshotSelectionCriteria(MinTimestamp: odd, MaxTimestamp: odd);
        var loaded = await Store.LoadAsync(id, exact, CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(odd.UtcTicks, loaded.Metadata.Timestamp.UtcTicks);
        Assert.Null(await Store.LoadAsync(id, exact with { MinTimestamp = odd.AddTicks(1), MaxTimestamp = null }, CancellationToken.None));
    }

    [Fact]
    public async Task A_very_large_snapshot_is_rejected_with_a_clear_error()
    {
        var id = NewId();
        var huge = new PrinterSnapshot(new string('x', ContractSerialization.MaxPayloadBytes + 1), 1, []);
        var error = await Assert.ThrowsAsync<PersistenceSerializationException>(() =>
            Store.SaveAsync(new SnapshotMetadata(id, 1, s_start), huge, CancellationToken.None));
        Assert.Contains("larger than the limit", error.Message, StringComparison.Ordinal);
        Assert.Null(await Store.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_manifest_is_a_clear_error()
    {
        var id = await SaveThree();
        var reopened = await ReopenAsync(ContractSerialization.SerializerKnowingNothing());
        try
        {
            var error = await Assert.ThrowsAsync<PersistenceSerializationException>(() =>
                reopened.LoadAsync(id, SnapshotSelectionCriteria.Latest, CancellationToken.None));
            Assert.Contains("Unknown manifest 'printer-snapshot.v1'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await reopened.DisposeAsync();
        }
    }
}
