using System.Text;

namespace MachineActors.Actors;

/// <summary>
/// The logical location of an actor: an address and a chain of names from the root guardian.
/// Two paths are equal when their addresses and element names are equal; the incarnation
/// <see cref="Uid"/> takes no part in equality (as in Akka), but it does in <see cref="IActorRef"/> equality.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public Address Address { get; }

    public ActorPath? Parent { get; }

    public string Name { get; }

    /// <summary>Identifies one incarnation of the actor at this path; 0 when unknown (e.g. parsed from text).</summary>
    public long Uid { get; }

    public int Depth { get; }

    public static ActorPath Root(Address address) => new(address, null, "", 0);

    public ActorPath Child(string name, long uid = 0) => new(Address, this, name, uid);

    public ActorPath WithUid(long uid) => new(Address, Parent, Name, uid);

    /// <summary>Element names from the root (exclusive) down to this path.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                names[p.Depth - 1] = p.Name;
            }
            return names;
        }
    }

    /// <summary>The path without its address, e.g. <c>/user/printer-1</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null)
        {
            return "/";
        }
        var builder = new StringBuilder();
        AppendElements(builder);
        return builder.ToString();
    }

    public override string ToString() => Address + ToStringWithoutAddress();

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || Depth != other.Depth)
        {
            return false;
        }
        for (ActorPath? a = this, b = other; a is not null && b is not null; a = a.Parent, b = b.Parent)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal))
            {
                return false;
            }
            if (a.Parent is null)
            {
                return a.Address == b.Address;
            }
        }
        return false;
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p is not null; p = p.Parent)
        {
            hash.Add(p.Name, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }

    private void AppendElements(StringBuilder builder)
    {
        if (Parent is null)
        {
            return;
        }
        Parent.AppendElements(builder);
        builder.Append('/').Append(Name);
    }
}
