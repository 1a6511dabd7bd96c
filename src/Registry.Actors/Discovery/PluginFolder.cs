namespace MachineActors.Registry.Discovery;

/// <summary>
/// Where a plugin file really is: every symbolic link on its path resolved. Plugins and their dependencies load only
/// from files whose real path is inside the plugins folder's real path, so a link (or a dependency name such as
/// "../x" or "/tmp/x") cannot make the registry load an assembly from anywhere else.
/// </summary>
internal static class PluginFolder
{
    /// <summary>As the kernel's limit: more links than this on one path is a loop.</summary>
    private const int MaxLinks = 40;

    /// <summary>The absolute path of <paramref name="path"/> with every symbolic link on it resolved.</summary>
    public static string RealPath(string path) => Resolve(Path.GetFullPath(path), 0);

    /// <summary>Whether <paramref name="realPath"/> is strictly inside <paramref name="realFolder"/> (both from <see cref="RealPath"/>).</summary>
    public static bool IsInside(string realPath, string realFolder)
    {
        var relative = Path.GetRelativePath(realFolder, realPath);
        return relative != "."
            && relative != ".."
            && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !Path.IsPathRooted(relative);
    }

    /// <summary>Whether <paramref name="name"/> (an assembly's simple name) can only name a file, not a path.</summary>
    public static bool IsPlainFileName(string name) =>
        name.Length > 0
        && name is not ("." or "..")
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOf(Path.DirectorySeparatorChar) < 0
        && name.IndexOf(Path.AltDirectorySeparatorChar) < 0
        && !Path.IsPathRooted(name);

    private static string Resolve(string fullPath, int links)
    {
        var root = Path.GetPathRoot(fullPath) ?? throw new IOException($"'{fullPath}' has no root.");
        var current = root;
        foreach (var part in fullPath[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (links + 1 > MaxLinks)
            {
                throw new IOException($"'{fullPath}' goes through more than {MaxLinks} symbolic links.");
            }
            // A relative target is relative to the folder the link is in.
            current = Resolve(Path.GetFullPath(target, current), links + 1);
        }
        return current;
    }
}
