using MachineActors.Machines;

namespace MachineActors.Registry;

/// <summary>
/// Where machine configs live. The registry writes every change here before it acknowledges it. Implementations
/// are safe to call concurrently; methods fail with <see cref="KeyNotFoundException"/> for an unknown machine id.
/// </summary>
public interface IMachineConfigStore
{
    /// <summary>Every stored config.</summary>
    Task<IReadOnlyList<MachineConfig>> LoadAll(CancellationToken cancellationToken = default);

    /// <summary>Stores a new config; fails with <see cref="InvalidOperationException"/> when its id is taken.</summary>
    Task Add(MachineConfig config, CancellationToken cancellationToken = default);

    /// <summary>Replaces a stored config, settings included.</summary>
    Task Update(MachineConfig config, CancellationToken cancellationToken = default);

    /// <summary>Deletes a config and its settings; deleting an unknown id does nothing.</summary>
    Task Remove(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The stored value of one setting, or null when none is stored.</summary>
    Task<object?> GetSetting(Guid id, SettingConfigType type, string key, CancellationToken cancellationToken = default);

    /// <summary>Stores the value of one setting; an empty value removes it.</summary>
    Task SetSetting(Guid id, SettingConfigType type, string key, object? value, CancellationToken cancellationToken = default);

    /// <summary>The last runtime state recorded per machine, for a restarted node to show as last known.</summary>
    Task<IReadOnlyDictionary<Guid, StoredMachineState>> LoadStates(CancellationToken cancellationToken = default);

    /// <summary>
    /// Configs and states together, as the registry loads them at start-up; a store that reads both from the same
    /// records overrides this to read them once.
    /// </summary>
    async Task<StoredMachines> LoadConfigsAndStates(CancellationToken cancellationToken = default) => new(
        await LoadAll(cancellationToken).ConfigureAwait(false),
        await LoadStates(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Records a machine's runtime state (status, status text, errors, properties). The registry does not wait for
    /// it; records of one machine are kept in the order they are made. A record for an unknown machine is dropped.
    /// </summary>
    void RecordState(Guid id, StoredMachineState state);

    /// <summary>
    /// <see cref="RecordState(Guid, StoredMachineState)"/> for a machine that came at <paramref name="loadIndex"/> in
    /// the configs the last <see cref="LoadConfigsAndStates"/> returned. A store that remembers where those configs
    /// are can then find the machine without a look-up by id, which at start-up, with one record per machine and a
    /// large table, costs more than the rest of the record; it must check the id, since the index may be out of date.
    /// </summary>
    void RecordState(int loadIndex, Guid id, StoredMachineState state) => RecordState(id, state);
}
