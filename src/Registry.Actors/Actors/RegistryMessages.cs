namespace MachineActors.Registry.Actors;

/// <summary>Registry to itself: run one stage of generation <paramref name="Generation"/>.</summary>
internal sealed record RunStage(int Generation, RegistryStage Stage);

/// <summary>Registry to itself: start the next batch of machines of stage 3.</summary>
internal sealed record LoadMachineBatch(int Generation);

/// <summary>Registry timer: start a failed machine again after its backoff.</summary>
internal sealed record StartMachineAgain(Guid MachineId, int Generation);

/// <summary>Registry to itself: store settings a failed machine's driver changed before it failed.</summary>
internal sealed record StoreDriverSettings(Guid MachineId, IReadOnlyList<SettingChange> Changes);
