namespace MachineActors.Reliability.Load;

/// <summary>A label file a virtual printer wrote: its folder, its name (<c>&lt;job id&gt;_label0000_copy0001.txt</c>) and its text.</summary>
public sealed record SpoolFile(string Folder, string Name, string Text)
{
    /// <summary>The job id the file name starts with, or null for a name that does not start with one.</summary>
    public string? JobId => Name.Length > 36 && Guid.TryParse(Name.AsSpan(0, 36), out _) ? Name[..36] : null;

    /// <summary>
    /// For a temp file the driver left behind (<c>.&lt;label file name&gt;.&lt;guid&gt;.tmp</c>: the process was killed
    /// before the rename), the job id it was written for; otherwise null.
    /// </summary>
    public string? UnfinishedJobId => Name.StartsWith('.') && Name.EndsWith(".tmp", StringComparison.Ordinal) && Name.Length > 37
        && Guid.TryParse(Name.AsSpan(1, 36), out _) ? Name[1..37] : null;

    /// <summary>Every file in the folders under <paramref name="root"/>, temp files included (an unfinished write shows as one).</summary>
    public static IReadOnlyList<SpoolFile> ReadAll(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => new SpoolFile(Path.GetDirectoryName(path)!, Path.GetFileName(path), File.ReadAllText(path)))];
}
