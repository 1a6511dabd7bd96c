using MachineActors.Actors;
using MachineActors.Registry.Actors;

namespace MachineActors.Registry;

public sealed partial class RegistryActor
{
    private readonly List<IActorRef> _reloadWaiters = [];

    private void Reload(ReloadRegistry request, IActorRef replyTo)
    {
        if (request.Options is { } options)
        {
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw Invalid($"Invalid registry options: {e.Message}");
            }
            if ((options.Cluster is null) != (_options.Cluster is null))
            {
                throw Invalid("A reload cannot switch the registry between a single node and a cluster");
            }
            _options = options;
        }
        _reloadWaiters.Add(replyTo);
        TearDown();
        Become(Starting);
        BeginGeneration();
    }

    /// <summary>Stops every machine and driver actor, answers what was pending, forgets the generation and unloads its plugins.</summary>
    private void TearDown()
    {
        // Unanswered stage initialisations are dropped, not counted: the old generation never becomes ready.
        _stageInitsPending = 0;
        if (_options.Cluster is not null)
        {
            ReleaseHeldForReload();
        }
        var machines = _machines.Values.ToList();
        foreach (var entry in machines)
        {
            Unload(entry, "unloaded by a registry reload");
        }
        foreach (var driver in _drivers.Values)
        {
            Context.Unwatch(driver.Actor);
            Context.Stop(driver.Actor);
            // Machine actors still waiting for InitDriver must finish their request before they can stop.
            driver.Complete("The registry reloaded");
        }
        _drivers.Clear();
        _machineTypes = [];
        _errors.Clear();
        Timers.CancelAll();
        _plugins?.Unload();
        _plugins = null;
    }
}
