using MachineActors.Actors.Cluster.Membership;
using MachineActors.Actors.Cluster.Placement;
using MachineActors.Actors.Cluster.Remote;
using MachineActors.Actors.Persistence.PostgreSql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MachineActors.Actors.Cluster;

/// <summary>
/// A running cluster node: the transport (and the actor system it created), the membership actor under
/// <c>/system/cluster-membership</c>, the lease keeper under <c>/system/cluster-leases</c> and the machine catalog. Starting returns
/// once the node's own row is Up; <see cref="LeaveAsync"/> hands its leases back and leaves gracefully.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    public const string LeaseKeeperName = "cluster-leases";

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    private readonly NpgsqlDataSource _dataSource;

    private ClusterNode(
        ClusterOptions options, RemoteTransport transport, NpgsqlDataSource dataSource, IActorRef membership, IActorRef leases, Member self, MachineCatalog catalog)
    {
        Catalog = catalog;
        Options = options;
        Transport = transport;
        _dataSource = dataSource;
        Membership = membership;
        Leases = leases;
        Self = self;
    }

    public ClusterOptions Options { get; }

    public RemoteTransport Transport { get; }

    public ActorSystem System => Transport.System;

    /// <summary>The <see cref="MembershipActor"/>: ask it <see cref="GetClusterState"/>; it publishes <see cref="MemberEvent"/>s.</summary>
    public IActorRef Membership { get; }

    /// <summary>The <see cref="LeaseKeeper"/> of this node's incarnation.</summary>
    public IActorRef Leases { get; }

    /// <summary>The cluster's list of machines and their placements, read with their lease holders.</summary>
    public MachineCatalog Catalog { get; }

    /// <summary>This node's row when it came Up (its incarnation among others).</summary>
    public Member Self { get; }

    public static async Task<ClusterNode> StartAsync(
        string systemName,
        ClusterOptions options,
        RemoteMessageTypes messages,
        ActorSystemOptions? systemOptions = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        var dataSource = NpgsqlDataSource.Create(PostgreSqlConnectionStrings.WithDefaultMaxPoolSize(options.PostgresConnectionString, options.MaxPoolSize));
        RemoteTransport? transport = null;
        try
        {
            await ClusterSecretCheck.VerifyAsync(dataSource, options.Membership.Schema, options.Transport.Secret, cancellationToken).ConfigureAwait(false);
            var membershipStore = new MembershipStore(dataSource, options.Membership);
            await membershipStore.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var leaseStore = new LeaseStore(dataSource, options.Leases);
            await leaseStore.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var catalog = new MachineCatalog(dataSource, options.Leases.Schema);
            await catalog.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            transport = await RemoteTransport.StartAsync(systemName, options.Transport, messages, systemOptions, loggers, cancellationToken)
                .ConfigureAwait(false);
            var system = transport.System;
            system.SystemActorOf(Props.Create(() => new MembershipTransportBridge(transport)), "cluster-transport-bridge");
            var node = new NodeInfo(options.NodeName, system.Address.ToString(), options.Roles);
            var membership = system.SystemActorOf(
                MembershipActor.CreateProps(membershipStore, node, options.Membership, loggers.CreateLogger("MachineActors.Cluster.Membership")),
                MembershipActor.Name);
            var self = await WaitUntilUpAsync(membership, options.JoinTimeout, cancellationToken).ConfigureAwait(false);
            var leases = system.SystemActorOf(
                LeaseKeeper.Props(leaseStore, options.NodeName, self.Incarnation, options.Leases, loggers.CreateLogger("MachineActors.Cluster.Leases")),
                LeaseKeeperName);
            return new ClusterNode(options, transport, dataSource, membership, leases, self, catalog);
        }
        catch
        {
            if (transport is not null)
            {
                await transport.System.Terminate().ConfigureAwait(false);
            }
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<CurrentClusterState> StateAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Membership.Ask<CurrentClusterState>(GetClusterState.Instance, timeout, cancellationToken);

    /// <summary>Graceful leave: every lease is released (another node may take the machines at once), then the row goes Down.</summary>
    public async Task LeaveAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await Leases.Ask<LeasesReleased>(ReleaseAll.Instance, timeout, cancellationToken).ConfigureAwait(false);
        await Membership.Ask<LeftCluster>(Leave.Instance, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops without leaving: the connections are cut first, so nothing the stopping actors send reaches another
    /// node, and to the other nodes it looks like a crash (call <see cref="LeaveAsync"/> first to leave gracefully).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await System.Terminate().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<Member> WaitUntilUpAsync(IActorRef membership, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var state = await membership.Ask<CurrentClusterState>(GetClusterState.Instance, timeout, deadline.Token).ConfigureAwait(false);
                if (state.Self is { Status: MemberStatus.Up } self)
                {
                    return self;
                }
                await Task.Delay(s_pollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"This node was not Up in the cluster within {timeout.TotalSeconds:0} s; is the cluster database reachable?");
        }
    }
}
