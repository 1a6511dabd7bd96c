using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Acceptance;

/// <summary>
/// One Chrome DevTools Protocol connection: commands carry ids and their answers are matched by id; the page's
/// console messages and uncaught exceptions are kept for a failing test's output.
/// </summary>
public sealed class DevToolsClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<string> _pageLog = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    private DevToolsClient()
    {
    }

    public IEnumerable<string> PageLog => _pageLog;

    public static async Task<DevToolsClient> Connect(Uri browserUrl, CancellationToken cancellationToken)
    {
        var client = new DevToolsClient();
        try
        {
            await client._socket.ConnectAsync(browserUrl, cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        client._receiving = client.Receive();
        return client;
    }

    /// <summary>Sends a command (to the browser, or to a page when <paramref name="sessionId"/> is set) and returns its result.</summary>
    public async Task<JsonElement> Send(string method, object? parameters, string? sessionId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { }, sessionId }, s_json);
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
            if (_receiving.IsCompleted)
            {
                throw new InvalidOperationException("The DevTools connection is closed.");
            }
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _receiving;
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }

    private async Task Receive()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            foreach (var answer in _pending.Values)
            {
                answer.TrySetException(new InvalidOperationException("The DevTools connection closed."));
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var id))
        {
            if (_pending.TryGetValue(id.GetInt32(), out var answer))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new InvalidOperationException($"DevTools refused the command: {error.GetRawText()}"));
                }
                else
                {
                    answer.TrySetResult(root.GetProperty("result").Clone());
                }
            }
            return;
        }
        switch (root.GetProperty("method").GetString())
        {
            case "Runtime.consoleAPICalled":
                var arguments = root.GetProperty("params").GetProperty("args").EnumerateArray()
                    .Select(a => a.TryGetProperty("value", out var value) ? value.ToString() : a.TryGetProperty("description", out var d) ? d.GetString() : a.GetProperty("type").GetString());
                _pageLog.Enqueue($"console.{root.GetProperty("params").GetProperty("type").GetString()}: {string.Join(" ", arguments)}");
                break;
            case "Runtime.exceptionThrown":
                var details = root.GetProperty("params").GetProperty("exceptionDetails");
                _pageLog.Enqueue($"uncaught: {(details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var text) ? text.GetString() : details.GetProperty("text").GetString())}");
                break;
        }
    }
}
