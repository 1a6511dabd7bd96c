using System.Reflection;
using System.Runtime.Loader;
using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>
/// A collectible load context for one plugin. The SDK always comes from the default context, so the plugin's
/// <see cref="MachineType"/> and <see cref="Driver"/> subclasses derive from the host's classes; other dependencies
/// are looked for next to the plugin, then fall back to the default context (the framework). A dependency loads
/// only from a file whose real path is inside the plugins folder: its name must be a plain file name (not "../x" or
/// "/tmp/x", which an assembly reference may carry), and a link next to the plugin must not lead out of the folder.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string s_sdkName = typeof(MachineType).Assembly.GetName().Name!;

    private readonly string _folder;
    private readonly string _pluginsFolder;

    /// <param name="pluginPath">The plugin's real path (see <see cref="PluginFolder.RealPath"/>).</param>
    /// <param name="pluginsFolder">The plugins folder's real path; nothing loads from outside it.</param>
    public PluginLoadContext(string pluginPath, string pluginsFolder)
        : base($"plugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: true)
    {
        _folder = Path.GetDirectoryName(Path.GetFullPath(pluginPath))!;
        _pluginsFolder = pluginsFolder;
    }

    public static bool IsSdk(string fileName) =>
        string.Equals(Path.GetFileNameWithoutExtension(fileName), s_sdkName, StringComparison.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        DependencyPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

    /// <summary>The real path of the file a dependency loads from: next to the plugin and inside the plugins folder; null to leave it to the default context.</summary>
    internal string? DependencyPath(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name || string.Equals(name, s_sdkName, StringComparison.OrdinalIgnoreCase) || !PluginFolder.IsPlainFileName(name))
        {
            return null;
        }
        var candidate = Path.Combine(_folder, name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }
        var real = PluginFolder.RealPath(candidate);
        return PluginFolder.IsInside(real, _pluginsFolder) ? real : null;
    }
}
