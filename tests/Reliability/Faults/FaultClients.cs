using System.Net;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Clients that keep using the front-end while a fault case breaks things: print workers submit jobs with
/// Idempotency-Keys and retry a key on 503 (or no answer) until it is answered; a settings worker changes each
/// machine's LOCATION in turn, retrying a value until it is acknowledged; a create worker adds machines now and then
/// (never retried: a 503 leaves the creation in flight). Everything goes into the <see cref="FaultLedger"/>.
/// </summary>
public sealed class FaultClients(HttpClient client, FaultLedger ledger, IReadOnlyList<string> printers, Random random, string run)
{
    public const string LocationSetting = "LOCATION";

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _seed = random.Next();

    /// <summary>Print workers; 0 for none.</summary>
    public int PrintWorkers { get; init; } = 3;

    /// <summary>Pause between one accepted job and the next request of a worker.</summary>
    public TimeSpan PrintPause { get; init; } = TimeSpan.FromMilliseconds(40);

    public bool ChangeSettings { get; init; } = true;

    /// <summary>Machines created while the clients run (one per <see cref="CreatePause"/>; inactive, so they print nowhere); 0 for none.</summary>
    public int Creations { get; init; }

    public TimeSpan CreatePause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where created machines go (a role or a node name).</summary>
    public string CreatePlacement { get; init; } = "station";

    public void Start()
    {
        for (var i = 0; i < PrintWorkers; i++)
        {
            var worker = i;
            var workerRandom = new Random(Interlocked.Increment(ref _seed));
            _workers.Add(Task.Run(() => PrintLoop(worker, workerRandom)));
        }
        if (ChangeSettings)
        {
            _workers.Add(Task.Run(SettingsLoop));
        }
        if (Creations > 0)
        {
            _workers.Add(Task.Run(CreateLoop));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task PrintLoop(int worker, Random random)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var printer = printers[random.Next(printers.Count)];
            var key = $"{run}-w{worker}-{n}";
            var labels = Enumerable.Range(0, random.Next(1, 4)).Select(i => $"{key} label {i}").ToList();
            var job = new SentJob(printer, key, labels, random.Next(1, 3));
            if (!await SubmitUntilAnswered(job, _stop.Token))
            {
                return;
            }
            try
            {
                await Task.Delay(PrintPause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends the job (again, with its key) until the front-end accepts it; false when stopped first (the job is then unanswered).</summary>
    public async Task<bool> SubmitUntilAnswered(SentJob job, CancellationToken stop)
    {
        ledger.Unanswered[job.Key] = job;
        while (!stop.IsCancellationRequested)
        {
            ApiAnswer answer;
            try
            {
                answer = await ClusterApi.PrintAsync(client, job.Printer, job.Key, job.Labels, job.Copies, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                ledger.RecordNoAnswer($"print {job.Key}", e);
                await Pause(stop);
                continue;
            }
            ledger.Record($"print {job.Key}", answer, HttpStatusCode.Accepted, HttpStatusCode.OK);
            if (answer.Status is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                var id = answer.Json!.Value.GetProperty("id").GetString()!;
                ledger.Jobs[job.Key] = new AcceptedJob(job.Printer, job.Key, id, job.Labels.Count, job.Copies);
                ledger.Unanswered.TryRemove(job.Key, out _);
                return true;
            }
            await Pause(stop);
        }
        return false;
    }

    private async Task SettingsLoop()
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var printer = printers[n % printers.Count];
            var track = ledger.Settings.GetOrAdd(printer, _ => new SettingTrack());
            var value = $"{run}-location-{n}";
            track.Sent(value);
            while (true)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                ApiAnswer answer;
                try
                {
                    answer = await ClusterApi.SendAsync(client, HttpMethod.Patch, $"/api/machine/{printer}/settings/M/{LocationSetting}/", new { value },
                        cancellationToken: _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    ledger.RecordNoAnswer($"setting {printer}={value}", e);
                    await Pause(_stop.Token);
                    continue;
                }
                ledger.Record($"setting {printer}={value}", answer, HttpStatusCode.OK);
                if (answer.Status == HttpStatusCode.OK)
                {
                    track.Acknowledge(value);
                    break;
                }
                await Pause(_stop.Token);
            }
            await Pause(_stop.Token, 50);
        }
    }

    private async Task CreateLoop()
    {
        for (var n = 0; n < Creations && !_stop.IsCancellationRequested; n++)
        {
            var name = $"{run}-created-{n}";
            ledger.CreatesInFlight[name] = 0;
            try
            {
                var answer = await ClusterApi.SendAsync(client, HttpMethod.Post, "/api/machine/",
                    new { name, machine_type = "label-printer", driver = "virtual-label-printer", placement = CreatePlacement, active = false }, cancellationToken: _stop.Token);
                ledger.Record($"create {name}", answer, HttpStatusCode.Created);
                if (answer.Status == HttpStatusCode.Created)
                {
                    ledger.Created[name] = answer.Json!.Value.GetProperty("pk").GetString()!;
                    ledger.CreatesInFlight.TryRemove(name, out _);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                ledger.RecordNoAnswer($"create {name}", e);
            }
            await Pause(_stop.Token, (int)CreatePause.TotalMilliseconds);
        }
    }

    private static async Task Pause(CancellationToken stop, int milliseconds = 200)
    {
        try
        {
            await Task.Delay(milliseconds, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
