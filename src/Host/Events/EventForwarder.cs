using System.Net.ServerSentEvents;
using System.Threading.Channels;
using MachineActors.Actors;

namespace MachineActors.Host.Events;

/// <summary>Writes each event it is subscribed to into one client's buffer.</summary>
public sealed class EventForwarder : ReceiveActor
{
    public EventForwarder(ChannelWriter<SseItem<string>> writer, Func<object, SseItem<string>> format) =>
        ReceiveAny(@event => writer.TryWrite(format(@event)));
}
