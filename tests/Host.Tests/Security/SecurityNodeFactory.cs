using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MachineActors.Host.Tests.Security;

/// <summary>A test node whose every log line, at every level and category, is kept in <see cref="Logs"/>.</summary>
public sealed class SecurityNodeFactory : NodeFactory
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Trace);
            // A rule for this provider alone: the node's own filters (Microsoft.AspNetCore at Warning) do not apply to it.
            logging.AddFilter<LogCapture>(null, LogLevel.Trace);
        });
    }
}
