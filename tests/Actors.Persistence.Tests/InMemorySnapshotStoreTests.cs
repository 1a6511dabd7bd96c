using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Tests.Contract;

namespace MachineActors.Actors.Persistence.Tests;

public sealed class InMemorySnapshotStoreTests : SnapshotStoreContract
{
    private InMemorySnapshotStore? _opened;

    protected override Task<ISnapshotStore> OpenAsync(EventSerializer serializer) => Task.FromResult<ISnapshotStore>(_opened = new InMemorySnapshotStore(serializer));

    protected override Task<ISnapshotStore> ReopenAsync(EventSerializer serializer) => Task.FromResult<ISnapshotStore>(_opened!.Reopen(serializer));
}
