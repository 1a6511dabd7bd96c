using System.Collections.Concurrent;
using System.Net;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// What the clients of a fault case asked for and were told: print jobs by idempotency key (accepted, or sent and not
/// yet answered), the last acknowledged value of each machine's setting and the values sent since, machines created
/// (acknowledged or in flight), and every answer by status, so the end of the case can check that nothing
/// acknowledged was lost or duplicated and that the API never answered anything but success or a clear 503.
/// </summary>
public sealed class FaultLedger
{
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentDictionary<string, int> _unavailableReasons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<HttpStatusCode, int> _answers = new();
    private long _slowestTicks;

    /// <summary>Jobs the front-end accepted (202, or 200 for a key it already had), by idempotency key.</summary>
    public ConcurrentDictionary<string, AcceptedJob> Jobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Jobs sent whose answer never came (the client stopped while retrying): they may or may not exist.</summary>
    public ConcurrentDictionary<string, SentJob> Unanswered { get; } = new(StringComparer.Ordinal);

    /// <summary>Per machine: its setting's last acknowledged value and the values sent after it.</summary>
    public ConcurrentDictionary<string, SettingTrack> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Machines whose creation was acknowledged, name to pk.</summary>
    public ConcurrentDictionary<string, string> Created { get; } = new(StringComparer.Ordinal);

    /// <summary>Creations sent but not acknowledged (503 or no answer): they may or may not exist, once at most.</summary>
    public ConcurrentDictionary<string, byte> CreatesInFlight { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers that are neither a success nor a 503 with a reason, or that took too long.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    public IReadOnlyDictionary<HttpStatusCode, int> Answers => _answers;

    /// <summary>The distinct 503 reasons with how often each came (ids replaced by "*").</summary>
    public IReadOnlyDictionary<string, int> UnavailableReasons => _unavailableReasons;

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>Longest an answer may take; a slower one is unexpected (a hang, not a clear refusal).</summary>
    public TimeSpan AnswerLimit { get; init; } = TimeSpan.FromSeconds(15);

    public int Count(HttpStatusCode status) => _answers.GetValueOrDefault(status);

    /// <summary>Records an answer; anything but <paramref name="expected"/> or a 503 with a reason is unexpected.</summary>
    public void Record(string what, ApiAnswer answer, params HttpStatusCode[] expected)
    {
        _answers.AddOrUpdate(answer.Status, 1, (_, n) => n + 1);
        var ticks = answer.Elapsed.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, ticks, seen) != seen)
        {
        }
        if (answer.Elapsed > AnswerLimit)
        {
            _unexpected.Enqueue($"{what}: took {answer.Elapsed.TotalSeconds:F1} s (limit {AnswerLimit.TotalSeconds:F0} s): {answer}");
        }
        if (answer.Status == HttpStatusCode.ServiceUnavailable)
        {
            var reason = answer.Detail;
            if (string.IsNullOrWhiteSpace(reason) || answer.Json is null)
            {
                _unexpected.Enqueue($"{what}: 503 without a reason: '{answer.Text}'");
            }
            _unavailableReasons.AddOrUpdate(Generalize(reason), 1, (_, n) => n + 1);
        }
        else if (!expected.Contains(answer.Status))
        {
            _unexpected.Enqueue($"{what}: {answer}");
        }
    }

    /// <summary>A request that got no answer at all (the client's own timeout or a dropped connection).</summary>
    public void RecordNoAnswer(string what, Exception error) =>
        _unexpected.Enqueue($"{what}: no answer: {error.GetType().Name}: {error.Message}");

    public string Summary() =>
        $"answers {string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}x{a.Value}"))}; slowest {Slowest.TotalSeconds:F1} s; "
        + $"{Jobs.Count} jobs accepted, {Settings.Values.Sum(s => s.Acknowledged)} setting changes and {Created.Count} creations acknowledged";

    private static string Generalize(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "*");
}
