namespace MachineActors.Registry.Cluster;

/// <summary>How a machine id is spelled in the cluster catalog and the lease table: the canonical "D" form.</summary>
internal static class MachineKeys
{
    public static string Of(Guid id) => id.ToString("D");

    /// <summary>Only the canonical spelling counts: another one would name a different lease row.</summary>
    public static bool TryParse(string key, out Guid id) =>
        Guid.TryParseExact(key, "D", out id) && string.Equals(key, Of(id), StringComparison.Ordinal);
}
