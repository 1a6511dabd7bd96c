using System.Reflection;
using MachineActors.Registry.Discovery;

namespace MachineActors.Registry.Tests.Discovery;

/// <summary>
/// A plugin's dependencies load only from files inside the plugins folder: an assembly reference whose name is a path
/// ("../x", "/tmp/x") or a link next to the plugin that leads out of the folder loads nothing.
/// </summary>
public sealed class PluginLoadContextTests : IDisposable
{
    private const string Sample = "MachineActors.SamplePlugin";

    private readonly string _root = Directory.CreateTempSubdirectory("plugin-context-").FullName;
    private readonly string _plugins;
    private readonly string _outside;

    public PluginLoadContextTests()
    {
        _plugins = Directory.CreateDirectory(Path.Combine(_root, "plugins")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "plugins", Sample + ".dll"), Path.Combine(_outside, Sample + ".dll"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("../outside/" + Sample)]
    [InlineData("{outside}/" + Sample)]
    [InlineData("sub/../../outside/" + Sample)]
    public void A_dependency_name_that_is_a_path_loads_nothing(string name)
    {
        // Each name leads to a file that exists (Path.Combine(folder, name + ".dll") was loaded before).
        name = name.Replace("{outside}", _outside, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_plugins, name + ".dll")));

        Assert.Null(Context().DependencyPath(new AssemblyName(name)));
    }

    [Fact]
    public void A_dependency_that_is_a_link_out_of_the_plugins_folder_loads_nothing()
    {
        File.CreateSymbolicLink(Path.Combine(_plugins, Sample + ".dll"), Path.Combine(_outside, Sample + ".dll"));

        Assert.Null(Context().DependencyPath(new AssemblyName(Sample)));
    }

    [Fact]
    public void A_dependency_next_to_the_plugin_or_linked_inside_the_folder_loads_from_its_real_path()
    {
        var versions = Directory.CreateDirectory(Path.Combine(_plugins, "versions")).FullName;
        File.Copy(Path.Combine(_outside, Sample + ".dll"), Path.Combine(versions, Sample + ".dll"));
        File.Copy(Path.Combine(_outside, Sample + ".dll"), Path.Combine(_plugins, "Other.dll"));
        File.CreateSymbolicLink(Path.Combine(_plugins, Sample + ".dll"), Path.Combine("versions", Sample + ".dll"));

        Assert.Equal(Path.Combine(PluginFolder.RealPath(versions), Sample + ".dll"), Context().DependencyPath(new AssemblyName(Sample)));
        Assert.Equal(Path.Combine(PluginFolder.RealPath(_plugins), "Other.dll"), Context().DependencyPath(new AssemblyName("Other")));
        // The SDK and what is not there are the default context's.
        Assert.Null(Context().DependencyPath(new AssemblyName("MachineActors.Machines")));
        Assert.Null(Context().DependencyPath(new AssemblyName("Missing")));
    }

    [Fact]
    public void Links_are_resolved_on_every_part_of_a_path()
    {
        var linkedFolder = Path.Combine(_root, "linked-plugins");
        Directory.CreateSymbolicLink(linkedFolder, _plugins);
        File.CreateSymbolicLink(Path.Combine(_plugins, "up.dll"), Path.Combine("..", "outside", Sample + ".dll"));
        File.CreateSymbolicLink(Path.Combine(_plugins, "loop-a.dll"), Path.Combine(_plugins, "loop-b.dll"));
        File.CreateSymbolicLink(Path.Combine(_plugins, "loop-b.dll"), Path.Combine(_plugins, "loop-a.dll"));

        var realPlugins = PluginFolder.RealPath(_plugins);
        Assert.Equal(realPlugins, PluginFolder.RealPath(linkedFolder));
        Assert.Equal(Path.Combine(PluginFolder.RealPath(_outside), Sample + ".dll"), PluginFolder.RealPath(Path.Combine(linkedFolder, "up.dll")));
        Assert.False(PluginFolder.IsInside(PluginFolder.RealPath(Path.Combine(linkedFolder, "up.dll")), realPlugins));
        Assert.True(PluginFolder.IsInside(Path.Combine(realPlugins, "..x.dll"), realPlugins));
        Assert.False(PluginFolder.IsInside(realPlugins + "-old" + Path.DirectorySeparatorChar + "x.dll", realPlugins));
        Assert.ThrowsAny<IOException>(() => PluginFolder.RealPath(Path.Combine(_plugins, "loop-a.dll")));
    }

    private PluginLoadContext Context() => new(Path.Combine(_plugins, "Plugin.dll"), PluginFolder.RealPath(_plugins));
}
