using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MachineActors.Actors;
using MachineActors.Registry;

namespace MachineActors.Host.Events;

/// <summary>
/// Turns the node's event stream into server-sent events for one client. Each client gets its own forwarding
/// actor and a bounded buffer: a client too slow to read loses its oldest events, never the node's progress.
/// </summary>
public sealed class EventFeed(NodeRuntime runtime, TimeProvider time)
{
    /// <summary>Events a slow client may fall behind by before the oldest are dropped.</summary>
    public const int BufferSize = 1000;

    /// <summary>How often an idle stream gets a "ping", so proxies and browsers keep it open.</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The event types a client receives, and the SSE event name of each.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Published = new Dictionary<Type, string>
    {
        [typeof(RegistryStageCompleted)] = "registry-stage",
        [typeof(RegistryReady)] = "registry-ready",
        [typeof(MachineFailed)] = "machine-failed",
        [typeof(MachineStateChangedEvent)] = "machine",
        [typeof(MachineActors.Registry.Printing.PrintJobUpdated)] = "job",
    };

    public async IAsyncEnumerable<SseItem<string>> Subscribe([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var system = runtime.System;
        var forwarder = system.ActorOf(Props.Create(() => new EventForwarder(channel.Writer, Format)));
        foreach (var type in Published.Keys)
        {
            system.EventStream.Subscribe(forwarder, type);
        }
        using var ping = time.CreateTimer(_ => channel.Writer.TryWrite(new SseItem<string>("{}", "ping")), null, PingInterval, PingInterval);
        try
        {
            yield return new SseItem<string>("{}", "hello");
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            system.EventStream.Unsubscribe(forwarder);
            system.Stop(forwarder);
        }
    }

    private static SseItem<string> Format(object @event) =>
        new(JsonSerializer.Serialize(@event, @event.GetType(), s_json), Published.GetValueOrDefault(@event.GetType(), "event"));
}
