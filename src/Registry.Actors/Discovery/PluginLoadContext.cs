using System.Reflection;
using System.Runtime.Loader;
using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>
/// A collectible load context for one plugin. The SDK always comes from the default context, so the plugin's
/// <see cref="MachineType"/> and <see cref="Driver"/> subclasses derive from the host's classes; other dependencies
/// are looked for next to the plugin, then fall back to the default context (the framework).
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string s_sdkName = typeof(MachineType).Assembly.GetName().Name!;

    private readonly string _folder;

    public PluginLoadContext(string pluginPath)
        : base($"plugin:{Path.GetFileNameWithoutExtension(pluginPath)}", isCollectible: true)
    {
        _folder = Path.GetDirectoryName(Path.GetFullPath(pluginPath))!;
    }

    public static bool IsSdk(string fileName) =>
        string.Equals(Path.GetFileNameWithoutExtension(fileName), s_sdkName, StringComparison.OrdinalIgnoreCase);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name || string.Equals(name, s_sdkName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var candidate = Path.Combine(_folder, name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
