namespace MachineActors.Actors;

/// <summary>Where an actor system lives: its name and, for cluster nodes, the host and port it is reached on.</summary>
public sealed record Address(string System, string? Host = null, int? Port = null)
{
    public const string Protocol = "ma";

    public bool HasLocalScope => Host is null;

    /// <summary>Parses what <see cref="ToString"/> writes for a cluster node: <c>ma://system@host:port</c>.</summary>
    public static bool TryParse(string text, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Address? address)
    {
        address = null;
        const string scheme = Protocol + "://";
        if (text is null || !text.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = text.AsSpan(scheme.Length);
        var at = rest.IndexOf('@');
        var colon = rest.LastIndexOf(':');
        if (at <= 0 || colon <= at + 1
            || !int.TryParse(rest[(colon + 1)..], global::System.Globalization.NumberStyles.None, global::System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            return false;
        }
        address = new Address(rest[..at].ToString(), rest[(at + 1)..colon].ToString(), port);
        return true;
    }

    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";
}
