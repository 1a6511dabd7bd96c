using System.Net.Http.Json;
using System.Text.Json;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// A node loads plugin assemblies from its configured plugins folder and nowhere else: not from the data folder, the
/// working directory, a sibling or a sub-folder, and not through a link in the plugins folder that leads out of it
/// (absolute, or relative with ".."). Links that stay inside the folder, and a configured folder that is itself a
/// link, work; that is also what shows the same plugin file would have loaded.
/// </summary>
public sealed class PluginFolderTests : IDisposable
{
    private const string Plugin = "MachineActors.SamplePlugin.dll";

    private readonly string _root = Directory.CreateTempSubdirectory("machineactors-plugins-").FullName;
    private readonly List<string> _strays = [];

    private static string SamplePlugin => Path.Combine(NodeFactory.SamplePluginsFolder, Plugin);

    public void Dispose()
    {
        foreach (var stray in _strays)
        {
            File.Delete(stray);
        }
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_plugin_anywhere_but_in_the_plugins_folder_is_never_loaded()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        // Where a node keeps its plugins unless told otherwise: "plugins" under the data folder.
        var plugins = Directory.CreateDirectory(Path.Combine(data, "plugins")).FullName;
        File.Copy(SamplePlugin, Path.Combine(data, Plugin));
        Copy(Path.Combine(data, "plugins-old"));
        Copy(Path.Combine(plugins, "sub"));
        Copy(Path.Combine(_root, "data-plugins"));
        var outside = Copy(Path.Combine(_root, "outside"));
        var stray = Path.Combine(Environment.CurrentDirectory, $"machineactors-stray-{Guid.NewGuid():N}.dll");
        _strays.Add(stray);
        File.Copy(SamplePlugin, stray);
        File.CreateSymbolicLink(Path.Combine(plugins, "linked.dll"), outside);
        File.CreateSymbolicLink(Path.Combine(plugins, "relative.dll"), Path.Combine("..", Plugin));
        File.CreateSymbolicLink(Path.Combine(plugins, "chained.dll"), Path.Combine(plugins, "relative.dll"));
        Directory.CreateSymbolicLink(Path.Combine(plugins, "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(plugins, "old.dll"), Path.Combine(data, "plugins-old"));

        await using var node = new PluginFolderNodeFactory(plugins) { DataDir = data };
        var (types, errors) = await Discovered(node);

        Assert.DoesNotContain("test-printer", types);
        foreach (var link in new[] { "linked", "relative", "chained" })
        {
            Assert.True(errors.Any(e => e.StartsWith($"Plugin '{link}' is a link to ", StringComparison.Ordinal) && e.Contains("outside the plugins folder", StringComparison.Ordinal)), string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task Links_inside_the_plugins_folder_and_a_linked_plugins_folder_load()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "real-plugins")).FullName;
        Copy(Path.Combine(real, "versions"));
        File.CreateSymbolicLink(Path.Combine(real, "current.dll"), Path.Combine("versions", Plugin));
        var configured = Path.Combine(_root, "plugins-link");
        Directory.CreateSymbolicLink(configured, real);

        await using var node = new PluginFolderNodeFactory(configured) { DataDir = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName };
        var (types, errors) = await Discovered(node);

        Assert.Contains("test-printer", types);
        Assert.DoesNotContain(errors, e => e.Contains("outside the plugins folder", StringComparison.Ordinal));
    }

    private string Copy(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Plugin);
        File.Copy(SamplePlugin, path);
        return path;
    }

    private static async Task<(List<string> Types, List<string> Errors)> Discovered(NodeFactory node)
    {
        using var admin = node.ClientWithToken(NodeFactory.AdminToken);
        var types = (await admin.GetFromJsonAsync<JsonElement>("/api/machine/types/")).EnumerateArray().Select(t => t.GetProperty("slug").GetString()!).ToList();
        var errors = (await admin.GetFromJsonAsync<JsonElement>("/api/machine/status/")).GetProperty("registry_errors").EnumerateArray()
            .Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains("label-printer", types);
        return (types, errors);
    }
}
