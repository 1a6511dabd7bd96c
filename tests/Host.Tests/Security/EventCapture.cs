using System.Text;

namespace MachineActors.Host.Tests.Security;

/// <summary>Reads a node's server-sent event stream in the background and keeps every line of it.</summary>
public sealed class EventCapture : IAsyncDisposable
{
    private readonly StringBuilder _text = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _client;
    private Task? _reading;

    private EventCapture(HttpClient client) => _client = client;

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Returns once the stream is open (its "hello" arrived), so nothing sent afterwards is missed.</summary>
    public static async Task<EventCapture> StartAsync(HttpClient client)
    {
        var capture = new EventCapture(client);
        var response = await client.GetAsync("/api/events/", HttpCompletionOption.ResponseHeadersRead, capture._stop.Token);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(capture._stop.Token));
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        capture._reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(capture._stop.Token) is { } line)
                {
                    lock (capture._text)
                    {
                        capture._text.AppendLine(line);
                    }
                    if (line == "event: hello")
                    {
                        opened.TrySetResult();
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
        await opened.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return capture;
    }

    /// <summary>Waits until the stream carried <paramref name="text"/>.</summary>
    public async Task WaitFor(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Text.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the event stream did not carry \"{text}\" within {timeout.TotalSeconds:0} s:\n{Text}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reading is not null)
        {
            await _reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        _stop.Dispose();
        _client.Dispose();
    }
}
