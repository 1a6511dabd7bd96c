using System.Runtime.InteropServices;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors.Dispatch;

internal sealed partial class ActorCell
{
    private const string AutoNameAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";

    private ChildrenState? _children;

    public IReadOnlyCollection<IActorRef> Children => ChildrenSnapshot();

    private ChildrenState ChildrenContainer
    {
        get
        {
            var state = Volatile.Read(ref _children);
            if (state is null)
            {
                Interlocked.CompareExchange(ref _children, new ChildrenState(), null);
                state = _children!;
            }
            return state;
        }
    }

    private int ChildCount
    {
        get
        {
            if (_children is not { } state)
            {
                return 0;
            }
            lock (state)
            {
                return state.ByName.Count;
            }
        }
    }

    private bool HasStoppingChildren
    {
        get
        {
            if (_children is not { } state)
            {
                return false;
            }
            lock (state)
            {
                return state.Stopping is { Count: > 0 };
            }
        }
    }

    /// <summary>Creates a child; safe from any thread (the system creates top-level actors from outside).</summary>
    public IActorRef AttachChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ActorNames.Validate(name);
        }
        var state = ChildrenContainer;
        ActorCell child;
        lock (state)
        {
            if (_isTerminating || _closed)
            {
                throw new InvalidOperationException($"Cannot create a child of {_self.Path}: it is stopping.");
            }
            name ??= NextAutoName(state);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(state.ByName, name, out var taken);
            if (taken)
            {
                throw new InvalidActorNameException($"Actor name [{name}] is not unique under {_self.Path}.");
            }
            child = new ActorCell(_system, props, _self, _self.Path.Child(name, ++state.LastUid));
            slot = child.SelfRef;
        }
        child.ScheduleCreation();
        return child.SelfRef;
    }

    public void ReserveChildren(int additional)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additional);
        var state = ChildrenContainer;
        lock (state)
        {
            state.ByName.EnsureCapacity(state.ByName.Count + additional);
        }
    }

    public IActorRef? Child(string name)
    {
        if (_children is not { } state)
        {
            return null;
        }
        lock (state)
        {
            return state.ByName.TryGetValue(name, out var child) ? child : null;
        }
    }

    public LocalActorRef? ChildRef(string name) => Child(name) as LocalActorRef;

    public IReadOnlyList<IActorRef> ChildrenSnapshot()
    {
        if (_children is not { } state)
        {
            return [];
        }
        lock (state)
        {
            return [.. state.ByName.Values];
        }
    }

    public ChildRestartStats RestartStatsFor(IActorRef child)
    {
        var state = ChildrenContainer;
        lock (state)
        {
            state.RestartStats ??= [];
            if (!state.RestartStats.TryGetValue(child, out var stats))
            {
                stats = new ChildRestartStats();
                state.RestartStats.Add(child, stats);
            }
            return stats;
        }
    }

    /// <summary>Stops a child, this actor or any other local actor; a child is tracked until it reports back.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target)
        {
            throw new ArgumentException($"{actor} cannot be stopped from here.", nameof(actor));
        }
        if (IsCurrentChild(actor))
        {
            var state = ChildrenContainer;
            lock (state)
            {
                (state.Stopping ??= []).Add(actor);
            }
        }
        target.SendSystemMessage(new Terminate());
    }

    private bool IsCurrentChild(IActorRef actor)
    {
        if (_children is not { } state || actor.Path.Parent is not { } parentPath || !parentPath.Equals(_self.Path))
        {
            return false;
        }
        lock (state)
        {
            return state.ByName.TryGetValue(actor.Path.Name, out var child) && child.Equals(actor);
        }
    }

    /// <summary>Marks this cell as stopping and stops every child; returns how many are still alive.</summary>
    private int MarkTerminatingAndStopChildren()
    {
        var state = ChildrenContainer;
        List<LocalActorRef> children;
        lock (state)
        {
            _isTerminating = true;
            children = [.. state.ByName.Values];
            state.Stopping ??= [];
            foreach (var child in children)
            {
                state.Stopping.Add(child);
            }
        }
        foreach (var child in children)
        {
            child.SendSystemMessage(new Terminate());
        }
        return children.Count;
    }

    /// <summary>Removes a terminated child; its name becomes free again.</summary>
    private bool RemoveChild(IActorRef child)
    {
        if (_children is not { } state)
        {
            return false;
        }
        lock (state)
        {
            if (!state.ByName.TryGetValue(child.Path.Name, out var current) || !current.Equals(child))
            {
                return false;
            }
            state.ByName.Remove(child.Path.Name);
            state.Stopping?.Remove(child);
            state.RestartStats?.Remove(child);
            return true;
        }
    }

    private static string NextAutoName(ChildrenState state)
    {
        var number = state.NextAutoName++;
        Span<char> buffer = stackalloc char[16];
        var length = 0;
        buffer[length++] = '$';
        do
        {
            buffer[length++] = AutoNameAlphabet[(int)(number & 63)];
            number >>= 6;
        }
        while (number > 0);
        return new string(buffer[..length]);
    }
}
