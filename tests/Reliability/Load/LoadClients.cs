using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MachineActors.Reliability.Load;

/// <summary>
/// Concurrent HTTP clients that submit print jobs through the front-end until every one is accepted. Job n goes to
/// machine n mod the machine count, under the idempotency key "&lt;prefix&gt;-n", with that key as its label's text.
/// A failed attempt (503, a timeout, a connection error, or any other answer, which is recorded as unexpected) is
/// retried with the same key and body until an answer names the job (202, or 200 when the key was already accepted).
/// </summary>
public sealed class LoadClients(HttpClient client, IReadOnlyList<string> machines, string keyPrefix, int jobs)
{
    /// <summary>How long one attempt may take before it is abandoned (and retried): the front-end answers 503 within its request timeout.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly JobSubmission?[] _submissions = new JobSubmission?[jobs];
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _unexpected = new();
    private int _next = -1;
    private int _accepted;

    /// <summary>Jobs accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Every job accepted (all of them once <see cref="RunAsync"/> completed).</summary>
    public IReadOnlyList<JobSubmission> Submissions => [.. _submissions.OfType<JobSubmission>()];

    /// <summary>Failed attempts by kind: "503", "timeout", "connection error", or "unexpected NNN".</summary>
    public IReadOnlyDictionary<string, int> Failures => new Dictionary<string, int>(_failures, StringComparer.Ordinal);

    /// <summary>Answers other than 202, 200 on a retry, and 503: what each was, when, for which key (the first 50).</summary>
    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    public static string KeyOf(string prefix, int number) => $"{prefix}-{number:D6}";

    /// <summary>Runs <paramref name="concurrency"/> clients until every job is accepted.</summary>
    public Task RunAsync(int concurrency, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        int number;
        while ((number = Interlocked.Increment(ref _next)) < _submissions.Length)
        {
            _submissions[number] = await SubmitAsync(number, cancellationToken);
            Interlocked.Increment(ref _accepted);
        }
    }

    private async Task<JobSubmission> SubmitAsync(int number, CancellationToken cancellationToken)
    {
        var key = KeyOf(keyPrefix, number);
        var machine = machines[number % machines.Count];
        var body = JsonSerializer.Serialize(new
        {
            labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(key)), content_type = "text/plain" } },
        });
        var chainStarted = Stopwatch.GetTimestamp();
        var delay = s_firstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var attemptStarted = Stopwatch.GetTimestamp();
            var failure = await AttemptAsync(machine, key, body, attempt, cancellationToken);
            if (failure.JobId is { } jobId)
            {
                var done = Stopwatch.GetTimestamp();
                return new JobSubmission(number, key, machine, jobId, attempt, failure.Status, DateTime.UtcNow,
                    Stopwatch.GetElapsedTime(attemptStarted, done).TotalMilliseconds, Stopwatch.GetElapsedTime(chainStarted, done).TotalMilliseconds);
            }
            _failures.AddOrUpdate(failure.Kind!, 1, (_, n) => n + 1);
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(s_maxRetryDelay.Ticks, delay.Ticks * 2));
        }
    }

    private async Task<(string? JobId, int Status, string? Kind)> AttemptAsync(string machine, string key, string body, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/machine/{machine}/print/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            // 200 answers a key accepted before: right for a retry, wrong for a key's first request.
            if (status == 202 || (status == 200 && attempt > 1))
            {
                var job = JsonSerializer.Deserialize<JsonElement>(text);
                if (job.TryGetProperty("id", out var id) && job.TryGetProperty("idempotency_key", out var echoed) && echoed.GetString() == key)
                {
                    return (id.GetString(), status, null);
                }
            }
            if (status == 503)
            {
                return (null, status, "503");
            }
            if (_unexpected.Count < 50)
            {
                _unexpected.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {key} attempt {attempt}: {status} {text}");
            }
            return (null, status, $"unexpected {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, 0, "timeout");
        }
        catch (HttpRequestException)
        {
            return (null, 0, "connection error");
        }
    }

    /// <summary>Submits every accepted key again: each must answer 200 with the job it was accepted as.</summary>
    public static async Task<IReadOnlyList<string>> ReplayAsync(HttpClient client, IReadOnlyList<JobSubmission> submissions, int concurrency)
    {
        var mismatches = new ConcurrentQueue<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < submissions.Count)
            {
                var submission = submissions[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/machine/{submission.Machine}/print/")
                {
                    Content = JsonContent.Create(new
                    {
                        labels = new[] { new { content = Convert.ToBase64String(Encoding.UTF8.GetBytes(submission.Key)), content_type = "text/plain" } },
                    }),
                };
                request.Headers.Add("Idempotency-Key", submission.Key);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var id = (int)response.StatusCode == 200 && JsonSerializer.Deserialize<JsonElement>(text).TryGetProperty("id", out var e) ? e.GetString() : null;
                if (id != submission.JobId)
                {
                    mismatches.Enqueue($"{submission.Key} (job {submission.JobId}) answered {(int)response.StatusCode}: {text}");
                }
            }
        })));
        return [.. mismatches];
    }
}
