namespace MachineActors.Drivers.Ipp;

/// <summary>An attribute group: a delimiter tag and the attributes that follow it, in order.</summary>
public sealed class IppAttributeGroup : IEquatable<IppAttributeGroup>
{
    /// <summary>Creates a group.</summary>
    public IppAttributeGroup(IppGroupTag tag, IReadOnlyList<IppAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        Tag = tag;
        Attributes = attributes;
    }

    /// <summary>Creates a group from the given attributes.</summary>
    public IppAttributeGroup(IppGroupTag tag, params IppAttribute[] attributes)
        : this(tag, (IReadOnlyList<IppAttribute>)attributes)
    {
    }

    /// <summary>The delimiter tag.</summary>
    public IppGroupTag Tag { get; }

    /// <summary>The attributes in wire order.</summary>
    public IReadOnlyList<IppAttribute> Attributes { get; }

    /// <summary>The first attribute with this name, or null.</summary>
    public IppAttribute? Find(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <inheritdoc />
    public bool Equals(IppAttributeGroup? other) =>
        other is not null && Tag == other.Tag && Attributes.SequenceEqual(other.Attributes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IppAttributeGroup);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Tag, Attributes.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Tag}: {string.Join("; ", Attributes)}";
}
