using System.Reflection;

namespace MachineActors.Registry.Discovery;

/// <summary>The built-in assemblies and the plugins of one registry generation; <see cref="Unload"/> releases the plugins.</summary>
internal sealed class PluginSet
{
    private readonly List<PluginLoadContext> _contexts;

    private PluginSet(List<LoadedAssembly> assemblies, List<PluginLoadContext> contexts, List<RegistryError> errors)
    {
        Assemblies = assemblies;
        _contexts = contexts;
        Errors = errors;
    }

    /// <summary>Built-in assemblies first, in the configured order, then plugins by file name.</summary>
    public IReadOnlyList<LoadedAssembly> Assemblies { get; }

    /// <summary>Plugins that could not be loaded, and classes that could not be read.</summary>
    public IReadOnlyList<RegistryError> Errors { get; }

    public static PluginSet Load(RegistryOptions options)
    {
        var errors = new List<RegistryError>();
        var assemblies = new List<LoadedAssembly>();
        foreach (var assembly in options.BuiltInAssemblies.Distinct())
        {
            assemblies.Add(LoadedAssembly.Read(assembly, assembly.GetName().Name ?? assembly.FullName ?? "?", isBuiltIn: true, errors));
        }
        var contexts = new List<PluginLoadContext>();
        foreach (var path in PluginFiles(options))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var context = new PluginLoadContext(path);
            contexts.Add(context);
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(path);
            }
            catch (Exception e)
            {
                errors.Add(new RegistryError($"Plugin '{name}' could not be loaded: {e.Message}", name));
                continue;
            }
            assemblies.Add(LoadedAssembly.Read(assembly, name, isBuiltIn: false, errors));
        }
        return new PluginSet(assemblies, contexts, errors);
    }

    /// <summary>Starts unloading every plugin; it completes once nothing references their classes any more.</summary>
    public void Unload()
    {
        foreach (var context in _contexts)
        {
            context.Unload();
        }
        _contexts.Clear();
    }

    private static IEnumerable<string> PluginFiles(RegistryOptions options)
    {
        if (options.PluginsFolder is not { } folder || !Directory.Exists(folder))
        {
            return [];
        }
        var disabled = new HashSet<string>(options.DisabledPlugins, StringComparer.OrdinalIgnoreCase);
        return Directory.EnumerateFiles(folder, "*.dll")
            .Where(path => !PluginLoadContext.IsSdk(path) && !disabled.Contains(Path.GetFileNameWithoutExtension(path)))
            .Order(StringComparer.Ordinal);
    }
}
