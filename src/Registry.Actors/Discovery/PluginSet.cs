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
        foreach (var (path, folder) in PluginFiles(options, errors))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var context = new PluginLoadContext(path, folder);
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

    /// <summary>
    /// The plugin files directly in the plugins folder, by file name, each as its real path (links resolved) with the
    /// folder's real path. A file that is a link to somewhere outside the folder is a registry error, never loaded.
    /// </summary>
    private static List<(string Path, string Folder)> PluginFiles(RegistryOptions options, List<RegistryError> errors)
    {
        if (options.PluginsFolder is not { } folder || !Directory.Exists(folder))
        {
            return [];
        }
        var realFolder = PluginFolder.RealPath(folder);
        var disabled = new HashSet<string>(options.DisabledPlugins, StringComparer.OrdinalIgnoreCase);
        var files = new List<(string, string)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (PluginLoadContext.IsSdk(path) || disabled.Contains(name))
            {
                continue;
            }
            string real;
            try
            {
                real = PluginFolder.RealPath(path);
            }
            catch (IOException e)
            {
                errors.Add(new RegistryError($"Plugin '{name}' could not be loaded: {e.Message}", name));
                continue;
            }
            if (!PluginFolder.IsInside(real, realFolder))
            {
                errors.Add(new RegistryError($"Plugin '{name}' is a link to {real}, outside the plugins folder {realFolder}; it is not loaded", name));
                continue;
            }
            files.Add((real, realFolder));
        }
        return files;
    }
}
