using System.Collections.Concurrent;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Local watchers of remote actors, by the remote node's address: when that node is declared down, each of
/// them gets its <see cref="Terminated"/> (address terminated) since the node itself can no longer send one.
/// </summary>
internal sealed class RemoteWatches
{
    private readonly ConcurrentDictionary<Address, ConcurrentDictionary<(IActorRef Watchee, IActorRef Watcher), byte>> _byAddress = new();

    public void Add(RemoteActorRef watchee, IActorRef watcher) =>
        _byAddress.GetOrAdd(watchee.Path.Address, _ => new())[(watchee, watcher)] = 0;

    public void Remove(RemoteActorRef watchee, IActorRef watcher)
    {
        if (_byAddress.TryGetValue(watchee.Path.Address, out var watches))
        {
            watches.TryRemove((watchee, watcher), out _);
        }
    }

    /// <summary>
    /// The watchee as the watcher registered it (a path with uid 0 matches any incarnation), removed from the
    /// table; null when <paramref name="watcher"/> does not watch it.
    /// </summary>
    public IActorRef? Take(Address address, IActorRef watcher, ActorPath watcheePath)
    {
        if (!_byAddress.TryGetValue(address, out var watches))
        {
            return null;
        }
        foreach (var (watchee, candidate) in watches.Keys)
        {
            if (candidate.Equals(watcher) && watchee.Path.Equals(watcheePath)
                && (watchee.Path.Uid == 0 || watchee.Path.Uid == watcheePath.Uid)
                && watches.TryRemove((watchee, candidate), out _))
            {
                return watchee;
            }
        }
        return null;
    }

    /// <summary>Tells every local watcher of an actor at <paramref name="address"/> that it is gone.</summary>
    public int TerminateAddress(Address address)
    {
        if (!_byAddress.TryRemove(address, out var watches))
        {
            return 0;
        }
        foreach (var (watchee, watcher) in watches.Keys)
        {
            if (watcher is IInternalActorRef target)
            {
                target.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: false, addressTerminated: true));
            }
        }
        return watches.Count;
    }
}
