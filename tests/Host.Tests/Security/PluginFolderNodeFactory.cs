using Microsoft.AspNetCore.Hosting;

namespace MachineActors.Host.Tests.Security;

/// <summary>A test node that loads plugins from <paramref name="pluginsDir"/> instead of the tests' sample plugin folder.</summary>
public sealed class PluginFolderNodeFactory(string pluginsDir) : NodeFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Node:PluginsDir", pluginsDir);
    }
}
