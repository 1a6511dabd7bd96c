using MachineActors.Actors;

namespace MachineActors.Bench.Remote;

/// <summary>
/// Keeps <c>window</c> pings in flight to one echo actor and sends a new one per pong until <c>total</c> pongs
/// have come back, then completes <c>done</c>.
/// </summary>
internal sealed class WindowedPinger : ReceiveActor
{
    public WindowedPinger(IActorRef echo, int window, int total, TaskCompletionSource done)
    {
        var sent = 0;
        var received = 0;
        Receive<string>(_ =>
        {
            for (; sent < Math.Min(window, total); sent++)
            {
                echo.Tell(new BenchPing(sent), Self);
            }
        });
        Receive<BenchPong>(_ =>
        {
            if (++received == total)
            {
                done.TrySetResult();
            }
            else if (sent < total)
            {
                echo.Tell(new BenchPing(sent++), Self);
            }
        });
    }
}
