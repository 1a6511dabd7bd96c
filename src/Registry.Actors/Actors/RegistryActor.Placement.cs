using MachineActors.Actors;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Registry.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MachineActors.Registry;

/// <summary>
/// A cluster registry's view of the catalog: which machines it asks the leases of. Stage 3 reads the catalog and the
/// membership and asks for the leases of the machines this node should run, then the registry is ready; every poll
/// and every member event reads them again, asks for newly wanted machines and hands back the machines this node may
/// no longer run. A lease request is never withdrawn: a grant that is no longer wanted is given back unused.
/// </summary>
public sealed partial class RegistryActor
{
    private const string PollKey = "catalog-poll";

    private readonly Dictionary<Guid, PlacedMachine> _placed = [];

    // Catalog reads started; a read's number tells which of the registry's own changes it may have missed.
    private long _catalogReads;
    private bool _viewInFlight;
    private bool _viewAgain;

    // Set while stage 3 of a cluster registry waits for its first read of the catalog.
    private long? _stageViewAfter;

    private ClusterPlacementOptions ClusterOptions => _options.Cluster!;

    private IPlacedMachineConfigStore PlacedStore => (IPlacedMachineConfigStore)_store;

    private ILogger PlacementLogger => _options.Cluster?.Logger ?? NullLogger.Instance;

    private void ReceivePlacement()
    {
        if (_options.Cluster is null)
        {
            return;
        }
        Receive<PollCatalog>(_ => RequestView());
        Receive<MemberEvent>(OnMemberEvent);
        Receive<PlacementView>(OnView);
        Receive<PlacementViewFailed>(OnViewFailed);
        ReceiveLeases();
        ReceiveReleases();
    }

    /// <summary>Stage 3 in a cluster: no machine starts here; the first read of the catalog asks for the wanted leases.</summary>
    private void LoadPlacedMachines()
    {
        _loadStarted = Time.GetTimestamp();
        _loadErrorList = [];
        _loading = true;
        _stageViewAfter = _catalogReads;
        RequestView();
    }

    private void CompletePlacedLoad()
    {
        _stageViewAfter = null;
        _loading = false;
        _errors.AddRange(_loadErrorList);
        Become(Running);
        Stash.UnstashAll();
        if (!_leaving)
        {
            Timers.StartPeriodicTimer(PollKey, PollCatalog.Instance, ClusterOptions.CatalogPollInterval);
        }
        CompleteLoad();
    }

    private void OnMemberEvent(MemberEvent memberEvent)
    {
        if (memberEvent is SelfDowned)
        {
            // Marked down by the others: they take this node's machines, so give them back rather than hold them.
            BeginLeave();
            return;
        }
        RequestView();
    }

    /// <summary>Reads the catalog and the membership off the mailbox; one read at a time, one more if asked meanwhile.</summary>
    private void RequestView()
    {
        if (_viewInFlight)
        {
            _viewAgain = true;
            return;
        }
        _viewInFlight = true;
        var read = ++_catalogReads;
        ReadView(read, ClusterOptions, Time).PipeTo(Self, Self, view => view, error => new PlacementViewFailed(read, error));
    }

    private static async Task<PlacementView> ReadView(long read, ClusterPlacementOptions cluster, TimeProvider time)
    {
        using var timeout = new CancellationTokenSource(cluster.ReadTimeout, time);
        var entries = await cluster.Catalog.ReadAllAsync(timeout.Token).ConfigureAwait(false);
        var state = await cluster.Membership.Ask<CurrentClusterState>(GetClusterState.Instance, cluster.ReadTimeout, timeout.Token).ConfigureAwait(false);
        return new PlacementView(read, entries, state);
    }

    private void OnView(PlacementView view)
    {
        _viewInFlight = false;
        if (!_leaving)
        {
            ApplyView(view);
        }
        AfterView(view.Read);
    }

    private void OnViewFailed(PlacementViewFailed failed)
    {
        _viewInFlight = false;
        PlacementLog.ViewFailed(PlacementLogger, _options.NodeName, failed.Cause);
        if (_stageViewAfter is { } after && failed.Read > after)
        {
            _loadErrorList.Add(new RegistryError($"The machine catalog could not be read: {failed.Cause.Message}", RegistrySource));
        }
        AfterView(failed.Read);
    }

    private void AfterView(long read)
    {
        if (_stageViewAfter is { } after && read > after)
        {
            CompletePlacedLoad();
        }
        if (_viewAgain)
        {
            _viewAgain = false;
            RequestView();
        }
    }

    /// <summary>Asks for the leases newly wanted and hands back what this node may no longer run.</summary>
    private void ApplyView(PlacementView view)
    {
        var available = PlacementPolicy.Available(view.State);
        var listed = new HashSet<Guid>();
        foreach (var entry in view.Entries)
        {
            if (!MachineKeys.TryParse(entry.MachineId, out var id))
            {
                continue;
            }
            listed.Add(id);
            if (!_placed.TryGetValue(id, out var placed))
            {
                if (PlacementPolicy.Wants(entry.MachineId, entry.Placement, _options.NodeName, _options.NodeRoles, available))
                {
                    Acquire(id, entry.Placement);
                }
                continue;
            }
            if (placed.SinceRead >= view.Read)
            {
                continue;
            }
            placed.Placement = entry.Placement;
            if (placed.IsHeld && !IsEligible(entry.Placement))
            {
                Release(id, placed, drain: true, "placed where this node may not run it");
            }
        }
        foreach (var (id, placed) in _placed.ToList())
        {
            if (!listed.Contains(id) && placed.SinceRead < view.Read && placed.IsHeld)
            {
                Release(id, placed, drain: true, "no longer listed in the cluster's catalog");
            }
        }
    }

    private PlacedMachine Acquire(Guid id, string? placement)
    {
        var placed = new PlacedMachine(id, MachineKeys.Of(id), placement, _catalogReads);
        _placed[id] = placed;
        ClusterOptions.Leases.Tell(new AcquireLease(placed.Key, Self), Self);
        return placed;
    }

    private bool IsEligible(string? placement) => PlacementRule.IsEligible(placement, _options.NodeName, _options.NodeRoles);
}
