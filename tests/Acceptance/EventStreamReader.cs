using System.Collections.Concurrent;

namespace MachineActors.Acceptance;

/// <summary>Reads a node's server-sent event stream (/api/events/) in the background and keeps every (event, data) pair.</summary>
public sealed class EventStreamReader(HttpClient client) : IDisposable
{
    private readonly ConcurrentQueue<(string Event, string Data)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reading;

    /// <summary>Returns once the stream is open (its "hello" arrived), so nothing sent afterwards is missed.</summary>
    public async Task StartAsync()
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        var response = await client.GetAsync("/api/events/", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading = Task.Run(async () =>
        {
            var name = "message";
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        name = line["event:".Length..].Trim();
                    }
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        _events.Enqueue((name, line["data:".Length..].Trim()));
                        if (name == "hello")
                        {
                            opened.TrySetResult();
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
            finally
            {
                response.Dispose();
            }
        });
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Whether an event named <paramref name="name"/> whose data contains <paramref name="text"/> has arrived.</summary>
    public bool Received(string name, string text) => _events.Any(e => e.Event == name && e.Data.Contains(text, StringComparison.Ordinal));

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reading?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The read loop ended with the connection.
        }
        _stop.Dispose();
        client.Dispose();
    }
}
