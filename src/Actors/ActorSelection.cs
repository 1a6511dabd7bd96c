using MachineActors.Actors.Dispatch;
using MachineActors.Actors.Internal;

namespace MachineActors.Actors;

/// <summary>
/// Actors addressed by path, resolved when a message is sent: absolute (<c>/user/a/b</c>, or with
/// the system's address) or relative to an actor (<c>../sibling</c>, <c>child</c>). A segment may be
/// <c>*</c> or contain <c>*</c>/<c>?</c> wildcards. A message that reaches nobody goes to dead letters.
/// </summary>
public sealed class ActorSelection
{
    private readonly ActorSystem _system;
    private readonly ActorCell _anchor;
    private readonly string[] _elements;

    private ActorSelection(ActorSystem system, ActorCell anchor, string[] elements, string text)
    {
        _system = system;
        _anchor = anchor;
        _elements = elements;
        PathString = text;
    }

    public string PathString { get; }

    internal static ActorSelection Parse(ActorSystem system, string path, ActorCell? relativeTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var rest = path;
        var prefix = system.Address.ToString();
        if (rest.StartsWith(prefix, StringComparison.Ordinal))
        {
            rest = rest[prefix.Length..];
        }
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Path [{path}] does not belong to actor system [{system.Address}].", nameof(path));
        }
        var absolute = rest.StartsWith('/') || relativeTo is null;
        var anchor = absolute ? system.RootCell : relativeTo!;
        var elements = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new ActorSelection(system, anchor, elements, path);
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var targets = Resolve();
        if (targets.Count == 0)
        {
            _system.DeadLetters.Tell(new Event.DeadLetter(message, sender, _system.DeadLetters), sender);
            return;
        }
        foreach (var target in targets)
        {
            target.Tell(message, sender);
        }
    }

    /// <summary>Resolves to exactly one live actor, or faults with <see cref="ActorNotFoundException"/>.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var targets = Resolve();
        if (targets.Count != 1)
        {
            throw new ActorNotFoundException($"Selection [{PathString}] matched {targets.Count} actors.");
        }
        var identity = await targets[0].Ask<ActorIdentity>(new Identify(null), timeout, cancellationToken).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"Actor [{PathString}] is not running.");
    }

    internal IReadOnlyList<IActorRef> Resolve()
    {
        List<ActorCell> current = [_anchor];
        foreach (var element in _elements)
        {
            var next = new List<ActorCell>();
            foreach (var cell in current)
            {
                if (element == "..")
                {
                    if (cell.ParentRef is LocalActorRef parent)
                    {
                        next.Add(parent.Cell);
                    }
                }
                else if (element.Contains('*') || element.Contains('?'))
                {
                    next.AddRange(cell.ChildrenSnapshot().OfType<LocalActorRef>().Where(c => Wildcard.Matches(element, c.Path.Name)).Select(c => c.Cell));
                }
                else if (cell == _system.RootCell && element == "temp")
                {
                    continue;
                }
                else if (cell.ChildRef(element) is { } child)
                {
                    next.Add(child.Cell);
                }
            }
            current = next;
        }
        var temp = ResolveTemp();
        if (temp is not null)
        {
            return [temp];
        }
        return [.. current.Where(c => !c.IsClosed).Select(c => (IActorRef)c.Self)];
    }

    private IActorRef? ResolveTemp() =>
        _anchor == _system.RootCell && _elements is ["temp", var name] ? _system.TempActor(name) : null;

    public override string ToString() => $"ActorSelection[{PathString}]";

    private static class Wildcard
    {
        public static bool Matches(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

        private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
        {
            while (!pattern.IsEmpty)
            {
                switch (pattern[0])
                {
                    case '*':
                        for (var skip = 0; skip <= name.Length; skip++)
                        {
                            if (Match(pattern[1..], name[skip..]))
                            {
                                return true;
                            }
                        }
                        return false;
                    case '?':
                        if (name.IsEmpty)
                        {
                            return false;
                        }
                        break;
                    default:
                        if (name.IsEmpty || name[0] != pattern[0])
                        {
                            return false;
                        }
                        break;
                }
                pattern = pattern[1..];
                name = name[1..];
            }
            return name.IsEmpty;
        }
    }
}
