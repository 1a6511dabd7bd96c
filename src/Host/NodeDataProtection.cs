using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging.Abstractions;

namespace MachineActors.Host;

/// <summary>
/// ASP.NET's authentication pulls in data protection; the node issues no cookies, but keeps its keys
/// inside the data folder rather than in the user's home.
/// </summary>
public static class NodeDataProtection
{
    public static IServiceCollection AddNodeDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<NodeOptions>((keys, node) =>
            keys.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(node.DataDir, "keys")), NullLoggerFactory.Instance));
        return services;
    }
}
