using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Registry.Persistence;

/// <summary>The registry's persisted types and their manifests; a node registers them with its journal's serializer.</summary>
public static class MachineStoreEventTypes
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<MachineCreated>("machine-created.v1")
        .Register<MachineConfigReplaced>("machine-config-replaced.v1")
        .Register<MachineSettingStored>("machine-setting-stored.v1")
        .Register<MachineStateStored>("machine-state-stored.v1")
        .Register<MachineDeleted>("machine-deleted.v1")
        .Register<MachineStreamSnapshot>("machine-stream-snapshot.v1")
        .Register<MachineIndexed>("machine-indexed.v1")
        .Register<MachineUnindexed>("machine-unindexed.v1")
        .Register<MachineIndexSnapshot>("machine-index-snapshot.v1");
}
