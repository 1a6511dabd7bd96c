using MachineActors.Actors.Cluster.Placement;
using MachineActors.Machines;
using MachineActors.Registry;
using MachineActors.Registry.Cluster;

namespace MachineActors.Host.Machines;

/// <summary>
/// How a front-end shows a machine that no reachable node runs (its node is down, or it is between two holders):
/// its stored configuration and last known state, status DISCONNECTED, and an error that names the node.
/// </summary>
public static class DisconnectedMachines
{
    /// <summary>InvenTree's 4xx range is "driver problem"; the label printer's DISCONNECTED is exactly this.</summary>
    public static readonly MachineStatus Disconnected = new(400, "DISCONNECTED", "Disconnected", StatusColour.Danger);

    public static async Task<IReadOnlyList<MachineView>> ViewsAsync(
        IPlacedMachineConfigStore store, IEnumerable<CatalogEntry> entries, CancellationToken cancellationToken)
    {
        var views = new List<MachineView>();
        foreach (var entry in entries)
        {
            if (!Guid.TryParse(entry.MachineId, out var id))
            {
                continue;
            }
            // Read, never kept: the holder that comes next writes this stream.
            var loaded = await store.LoadFresh(id, cancellationToken);
            await store.Forget(id, cancellationToken);
            if (loaded is null)
            {
                continue;
            }
            var (config, state) = (loaded.Config, loaded.State);
            views.Add(new MachineView
            {
                Id = config.Id,
                Name = config.Name,
                MachineType = config.MachineTypeSlug,
                Driver = config.DriverSlug,
                Active = config.Active,
                Initialized = false,
                Placement = config.Placement,
                Node = entry.OwnerNode ?? config.Placement,
                Status = Disconnected,
                StatusText = state?.StatusText ?? "",
                StatusIsLastKnown = true,
                Errors = [ClusterRegistryRouter.UnreachableReason(entry), .. state?.Errors ?? []],
                Properties = [.. state?.Properties.Values ?? []],
                IsDriverAvailable = false,
                IsLoaded = false,
                IsRunning = false,
            });
        }
        return views;
    }
}
