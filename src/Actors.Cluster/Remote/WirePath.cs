using System.Globalization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// Actor paths as they travel: <c>ma://system@host:port/user/a#uid</c> for a sender, and <c>/user/a#uid</c>
/// for a recipient (its address is the connection's peer). The uid is 0 when the incarnation is unknown.
/// </summary>
internal static class WirePath
{
    public static string Full(ActorPath path) => Local(path, path.Address.ToString());

    public static string Local(ActorPath path, string prefix = "") =>
        prefix + path.ToStringWithoutAddress() + "#" + path.Uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a full path; false for anything malformed (a peer's bytes are never trusted).</summary>
    public static bool TryParseFull(string text, out Address address, out string[] elements, out long uid)
    {
        address = null!;
        elements = [];
        uid = 0;
        var scheme = Address.Protocol + "://";
        if (!text.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }
        var slash = text.IndexOf('/', scheme.Length);
        if (slash < 0 || !TryParseAddress(text[..slash], out address))
        {
            return false;
        }
        return TryParseLocal(text[slash..], out elements, out uid);
    }

    public static bool TryParseLocal(string text, out string[] elements, out long uid)
    {
        elements = [];
        uid = 0;
        var hash = text.LastIndexOf('#');
        if (hash < 0 || !text.StartsWith('/')
            || !long.TryParse(text.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            return false;
        }
        elements = text[1..hash].Split('/');
        foreach (var element in elements)
        {
            if (element.Length == 0 || element is "." or ".." || element.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                return false;
            }
        }
        return elements.Length > 0;
    }

    public static bool TryParseAddress(string text, out Address address)
    {
        var parsed = Address.TryParse(text, out var found);
        address = found!;
        return parsed;
    }

    /// <summary>The path of an actor at <paramref name="address"/> with the given element names.</summary>
    public static ActorPath ToActorPath(Address address, IReadOnlyList<string> elements, long uid)
    {
        var path = ActorPath.Root(address);
        for (var i = 0; i < elements.Count; i++)
        {
            path = path.Child(elements[i], i == elements.Count - 1 ? uid : 0);
        }
        return path;
    }
}
