using System.Data.Common;
using System.Diagnostics;
using MachineActors.Actors;
using MachineActors.Actors.Cluster;
using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Registry;
using MachineActors.Registry.Printing;

namespace MachineActors.Host.Machines;

/// <summary>
/// Where a front-end sends a registry request in a cluster: a request about one machine goes to the registry of
/// the node that holds the machine's lease; a new machine to the node that should run it; a list to every Up node,
/// merged; questions about types, drivers and the registry itself to this node's own registry. A machine whose node
/// cannot be reached is refused as Unavailable naming the node, within the request timeout, never left hanging; so is every
/// request while the cluster database (the catalog of lease holders) cannot be read.
/// </summary>
public sealed class ClusterRegistryRouter(NodeRuntime runtime, NodeOptions options)
{
    private const string RegistryPath = "/user/registry";

    /// <summary>Machines per page of another node's list (the node may cut a page shorter to keep it small).</summary>
    public const int ListPageSize = 500;
    private static readonly TimeSpan s_connectWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_connectPoll = TimeSpan.FromMilliseconds(50);

    public async Task<object> AskAsync(IRegistryRequest request, CancellationToken cancellationToken)
    {
        var cluster = runtime.Cluster ?? throw new InvalidOperationException("This node is not in a cluster.");
        try
        {
            return request switch
            {
                GetMachines list => await ListAsync(cluster, list, cancellationToken),
                AddMachine add => await AddAsync(cluster, add with { Id = add.Id ?? Guid.NewGuid() }, cancellationToken),
                _ when MachineIdOf(request) is { } id => await AskHolderAsync(cluster, id, request, cancellationToken),
                _ => await runtime.Registry.Ask<object>(request, options.RequestTimeout, cancellationToken),
            };
        }
        catch (DbException e)
        {
            // The catalog (who holds which machine) is in the cluster's PostgreSQL: without it nothing can be routed, for now.
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"The cluster database cannot be read: {e.Message}");
        }
    }

    private static Guid? MachineIdOf(IRegistryRequest request) => request switch
    {
        GetMachine r => r.Id,
        UpdateMachineConfig r => r.Id,
        RemoveMachine r => r.Id,
        RestartMachine r => r.Id,
        GetMachineSettings r => r.Id,
        GetMachineSetting r => r.Id,
        SetMachineSetting r => r.Id,
        CallMachineFunction r => r.Id,
        SubmitPrintJob r => r.MachineId,
        GetPrintJobs r => r.MachineId,
        GetPrintJob r => r.MachineId,
        _ => null,
    };

    private async Task<MachinesResult> ListAsync(ClusterNode cluster, GetMachines list, CancellationToken cancellationToken)
    {
        var members = await ReachableMembersAsync(cluster, cancellationToken);
        var replies = await Task.WhenAll(members.Select(async member =>
        {
            try
            {
                return await ListOfAsync(member, list, cancellationToken);
            }
            catch (RegistryOperationException)
            {
                // A node that does not answer in time lists nothing; its machines show as unreachable below.
                return [];
            }
        }));
        // A machine renamed between two pages of its node may come twice.
        var listed = replies.SelectMany(machines => machines).DistinctBy(m => m.Id).ToList();
        if (list.Filter.Initialized is not true && runtime.ClusterStore is { } store)
        {
            // Machines nobody reachable runs are listed too, as DISCONNECTED, unless only initialised ones were asked for.
            var running = listed.Select(m => m.Id.ToString()).ToHashSet(StringComparer.Ordinal);
            var missing = await FromDatabaseAsync("the machine list", async token =>
            {
                var entries = (await cluster.Catalog.ReadAllAsync(token)).Where(e => !running.Contains(e.MachineId));
                return await DisconnectedMachines.ViewsAsync(store, entries, token);
            }, cancellationToken);
            listed.AddRange(missing.Where(list.Filter.Matches));
        }
        return new MachinesResult([.. listed.OrderBy(m => m.Name, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// One node's machines. Another node's come page by page, since a station's whole list may not fit one message
    /// between nodes; each page starts after the last name of the one before (names are unique on a node).
    /// </summary>
    private async Task<IReadOnlyList<MachineView>> ListOfAsync(Member member, GetMachines list, CancellationToken cancellationToken)
    {
        if (member.NodeName == options.NodeName)
        {
            return (await AskAsync(member, list, cancellationToken) as MachinesResult)?.Machines ?? [];
        }
        var machines = new List<MachineView>();
        var page = list with { AfterName = null, Limit = ListPageSize };
        while (await AskAsync(member, page, cancellationToken) is MachinesResult reply)
        {
            machines.AddRange(reply.Machines);
            if (!reply.HasMore || reply.Machines.Count == 0)
            {
                break;
            }
            page = page with { AfterName = reply.Machines[^1].Name };
        }
        return machines;
    }

    /// <summary>
    /// Sends a request about one machine to the node whose current incarnation holds its lease. A holder that does not
    /// run the machine (yet, or any more: it is starting or stopping there) is refused as Unavailable, never NotFound:
    /// the machine is listed, it is only moving.
    /// </summary>
    private async Task<object> AskHolderAsync(ClusterNode cluster, Guid id, IRegistryRequest request, CancellationToken cancellationToken) =>
        await AskAsync(await HolderAsync(cluster, id, cancellationToken), request, cancellationToken);

    private async Task<Member> HolderAsync(ClusterNode cluster, Guid id, CancellationToken cancellationToken)
    {
        var entry = await FromDatabaseAsync($"machine '{id}'", token => cluster.Catalog.ReadAsync(id.ToString(), token), cancellationToken)
            ?? throw new RegistryOperationException(RegistryErrorKind.NotFound, $"Machine '{id}' not found");
        var members = await ReachableMembersAsync(cluster, cancellationToken);
        // The lease names a node's incarnation: a node that restarted since does not run what its earlier run held.
        if (!entry.LeaseExpired && members.FirstOrDefault(m => m.NodeName == entry.OwnerNode) is { } holder)
        {
            if (holder.Incarnation == entry.OwnerIncarnation)
            {
                return holder;
            }
            throw new RegistryOperationException(RegistryErrorKind.Unavailable,
                $"Machine '{id}' was held by an earlier run of node '{holder.NodeName}', which restarted; it runs again once that lease has expired");
        }
        if (entry.LeaseExpired && entry.OwnerNode is { } owner && members.Any(m => m.NodeName == owner))
        {
            // Its node is here but let the lease run out (it lost the cluster database for a while): a node takes it again.
            throw new RegistryOperationException(RegistryErrorKind.Unavailable,
                $"Machine '{id}' is not running: its lease on node '{owner}' ran out and it starts again once a node takes the lease");
        }
        throw new RegistryOperationException(RegistryErrorKind.Unavailable, UnreachableReason(entry));
    }

    /// <summary>A new machine goes to the node that should run it (its id decides among a role's nodes), which stores it and takes its lease.</summary>
    private async Task<object> AddAsync(ClusterNode cluster, AddMachine add, CancellationToken cancellationToken)
    {
        var members = await ReachableMembersAsync(cluster, cancellationToken);
        var preferred = PlacementRule.PreferredNode(add.Id!.Value.ToString(), add.Placement, members);
        var node = members.FirstOrDefault(m => m.NodeName == preferred)
            ?? throw new RegistryOperationException(RegistryErrorKind.Unavailable, string.IsNullOrWhiteSpace(add.Placement)
                ? $"No node with the role '{PlacementRule.DefaultRole}' is up to run the machine"
                : $"No node named or with the role '{add.Placement}' is up to run the machine");
        return await AskAsync(node, add, cancellationToken);
    }

    private async Task<object> AskAsync(Member member, IRegistryRequest request, CancellationToken cancellationToken)
    {
        if (member.NodeName == options.NodeName)
        {
            return NamedAfter(member, await runtime.Registry.Ask<object>(request, options.RequestTimeout, cancellationToken));
        }
        if (!Address.TryParse(member.Address, out var address))
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"Node '{member.NodeName}' has no valid cluster address");
        }
        var transport = runtime.Cluster!.Transport;
        if (!await ConnectedAsync(transport, address, cancellationToken))
        {
            // Membership is slower to notice a dead node than its socket is: answer at once instead of timing out.
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"Node '{member.NodeName}' is not reachable");
        }
        var registry = transport.ActorRefFor(address, RegistryPath);
        try
        {
            return NamedAfter(member, await WhileConnectedAsync(
                registry.Ask<object>(request, options.RequestTimeout, cancellationToken), transport, address, member, cancellationToken));
        }
        catch (AskTimeoutException)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable,
                $"Node '{member.NodeName}' did not answer within {options.RequestTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// The answer, unless the connection to the node is lost for longer than a blip while it is awaited (the node was
    /// killed, say): then Unavailable at once rather than at the end of the request timeout. Either way the request may
    /// or may not have been carried out, as after a timeout; a retry with the same idempotency key is safe.
    /// </summary>
    private static async Task<object> WhileConnectedAsync(
        Task<object> ask, RemoteTransport transport, Address address, Member member, CancellationToken cancellationToken)
    {
        long? disconnectedSince = null;
        while (await Task.WhenAny(ask, Task.Delay(s_connectPoll, cancellationToken)) != ask)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (transport.IsConnected(address))
            {
                disconnectedSince = null;
                continue;
            }
            disconnectedSince ??= Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(disconnectedSince.Value) >= s_connectWait)
            {
                // The ask times out on its own later; its failure is observed here, not left to the finalizer.
                _ = ask.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw new RegistryOperationException(RegistryErrorKind.Unavailable,
                    $"The connection to node '{member.NodeName}' was lost while it handled the request; it may or may not have been carried out");
            }
        }
        return await ask;
    }

    private async Task<IReadOnlyList<Member>> ReachableMembersAsync(ClusterNode cluster, CancellationToken cancellationToken)
    {
        try
        {
            var state = await cluster.StateAsync(options.RequestTimeout, cancellationToken);
            return [.. state.Members.Where(m => m.Status == MemberStatus.Up && !state.Unreachable.Contains(m.NodeName))];
        }
        catch (AskTimeoutException)
        {
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, "Cluster membership did not answer in time");
        }
    }

    /// <summary>
    /// Reads the cluster's database (the catalog, a machine's records) within the request timeout. A database that
    /// refuses, fails or does not answer in time makes the request Unavailable with the reason, never a 500 or a hang.
    /// </summary>
    private async Task<T> FromDatabaseAsync<T>(string what, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await read(timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not RegistryOperationException)
        {
            var reason = e is OperationCanceledException or AskTimeoutException ? $"it did not answer within {options.RequestTimeout.TotalSeconds:0} s" : e.Message;
            throw new RegistryOperationException(RegistryErrorKind.Unavailable, $"The cluster database cannot be read, so {what} is not available: {reason}");
        }
    }

    /// <summary>Connected, or connected within a short wait (a connection being set up or re-dialed after a blip).</summary>
    private async Task<bool> ConnectedAsync(RemoteTransport transport, Address address, CancellationToken cancellationToken)
    {
        transport.Associate(address);
        var waited = TimeSpan.Zero;
        while (!transport.IsConnected(address))
        {
            if (waited >= s_connectWait || waited >= options.RequestTimeout)
            {
                return false;
            }
            await Task.Delay(s_connectPoll, cancellationToken);
            waited += s_connectPoll;
        }
        return true;
    }

    /// <summary>Machines in a node's reply carry that node's name.</summary>
    private static object NamedAfter(Member member, object reply) => reply switch
    {
        MachineResult one => one with { Machine = one.Machine with { Node = member.NodeName } },
        MachinesResult many => many with { Machines = [.. many.Machines.Select(m => m with { Node = member.NodeName })] },
        _ => reply,
    };

    /// <summary>Why nobody can answer for a machine: its node is gone (node-placed), or it is between holders (role-placed).</summary>
    public static string UnreachableReason(CatalogEntry entry)
    {
        if (entry.OwnerNode is { } owner)
        {
            return entry.Placement == owner
                ? $"Machine '{entry.MachineId}' runs on node '{owner}', which is not reachable"
                : $"Machine '{entry.MachineId}' was on node '{owner}', which is not reachable; another node with its placement takes it over";
        }
        return $"No node runs machine '{entry.MachineId}' yet (placement '{entry.Placement ?? PlacementRule.DefaultRole}')";
    }
}
