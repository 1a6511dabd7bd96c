using MachineActors.Actors;
using MachineActors.Machines;
using MachineActors.Registry;

namespace MachineActors.Host;

/// <summary>
/// On a node's very first start (no marker in the data folder and no machines), adds a virtual label printer named
/// "Demo label printer" that spools to &lt;data&gt;/spool, so a newcomer has something to print on. --no-demo skips it.
/// </summary>
public sealed partial class DemoMachineBootstrap(NodeRuntime runtime, NodeOptions options, ILogger<DemoMachineBootstrap> logger) : IHostedService
{
    public const string Name = "Demo label printer";
    private const string Marker = "demo-added";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var marker = Path.Combine(options.DataDir, Marker);
        if (options.NoDemo || File.Exists(marker))
        {
            return;
        }
        // Requests wait until the registry has loaded its machines.
        var machines = await runtime.Registry.Ask<MachinesResult>(new GetMachines(MachineFilter.All), options.RequestTimeout, cancellationToken);
        if (machines.Machines.Count == 0)
        {
            var spool = Path.GetFullPath(Path.Combine(options.DataDir, "spool"));
            var added = await runtime.Registry.Ask<MachineResult>(new AddMachine(Name, "label-printer", "virtual-label-printer")
            {
                Settings = [new SettingChange(SettingConfigType.Driver, "SPOOL_DIR", spool)],
            }, options.RequestTimeout, cancellationToken);
            LogDemoAdded(logger, added.Machine.Id, spool);
        }
        await File.WriteAllTextAsync(marker, "The demo printer was offered on the first start.\n", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "First start: added the demo virtual label printer {Id}; its labels go to {Spool}.")]
    private static partial void LogDemoAdded(ILogger logger, Guid id, string spool);
}
