namespace MachineActors.Actors.Dispatch;

/// <summary>
/// Compares children's names ordinally and hashes them so that siblings named by a sequence (a prefix and a number,
/// as "machine-41", "machine-42") land in consecutive buckets: a parent creating many such children then writes its
/// table in order instead of at random, which stays in the cache where a table of 100,000 random inserts does not.
/// The hash is the prefix's (randomised per process, as every string hash is) plus the number made of up to nine
/// trailing digits, so equal names hash alike and names of different prefixes cannot be made to collide on purpose.
/// </summary>
internal sealed class ChildNameComparer : IEqualityComparer<string>
{
    public static readonly ChildNameComparer Instance = new();

    private const int MaxDigits = 9;

    private ChildNameComparer()
    {
    }

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var start = name.Length;
        var number = 0;
        var scale = 1;
        while (start > 0 && name.Length - start < MaxDigits && char.IsAsciiDigit(name[start - 1]))
        {
            start--;
            number += (name[start] - '0') * scale;
            scale *= 10;
        }
        return unchecked(string.GetHashCode(name.AsSpan(0, start)) + number);
    }
}
