using MachineActors.Actors.Persistence.InMemory;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Tests.Contract;

namespace MachineActors.Actors.Persistence.Tests;

public sealed class InMemoryJournalTests : JournalContract
{
    private InMemoryJournal? _opened;

    protected override Task<IJournal> OpenAsync(EventSerializer serializer) => Task.FromResult<IJournal>(_opened = new InMemoryJournal(serializer));

    protected override Task<IJournal> ReopenAsync(EventSerializer serializer) => Task.FromResult<IJournal>(_opened!.Reopen(serializer));
}
