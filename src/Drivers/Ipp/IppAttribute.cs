namespace MachineActors.Drivers.Ipp;

/// <summary>A named attribute with one or more values (a 1setOf has several).</summary>
public sealed class IppAttribute : IEquatable<IppAttribute>
{
    /// <summary>Creates an attribute; it must have at least one value.</summary>
    public IppAttribute(string name, IReadOnlyList<IppValue> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException($"Attribute '{name}' needs at least one value.", nameof(values));
        }

        Name = name;
        Values = values;
    }

    /// <summary>Creates an attribute from the given values.</summary>
    public IppAttribute(string name, params IppValue[] values)
        : this(name, (IReadOnlyList<IppValue>)values)
    {
    }

    /// <summary>The attribute name, e.g. printer-state.</summary>
    public string Name { get; }

    /// <summary>The values in wire order; never empty.</summary>
    public IReadOnlyList<IppValue> Values { get; }

    /// <summary>The first value.</summary>
    public IppValue Value => Values[0];

    /// <summary>True when the only value is out-of-band (no-value, unknown, unsupported, ...).</summary>
    public bool IsOutOfBand => Values.Count == 1 && Values[0] is IppOutOfBandValue;

    /// <summary>The first value as an integer or enum, or null if it is not one.</summary>
    public int? AsInteger() => Value is IppIntegerValue integer ? integer.Value : null;

    /// <summary>The first value as a string (any character-string tag), or null if it is not one.</summary>
    public string? AsString() => Value switch
    {
        IppStringValue s => s.Value,
        IppStringWithLanguageValue s => s.Value,
        _ => null,
    };

    /// <summary>Every character-string value, in order; values of other types are skipped.</summary>
    public IReadOnlyList<string> AsStrings() => Values
        .Select(v => v switch
        {
            IppStringValue s => s.Value,
            IppStringWithLanguageValue s => s.Value,
            _ => null,
        })
        .OfType<string>()
        .ToArray();

    /// <inheritdoc />
    public bool Equals(IppAttribute? other) =>
        other is not null && Name == other.Name && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IppAttribute);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}={string.Join(",", Values)}";
}
