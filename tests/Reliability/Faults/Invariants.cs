using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// The checks every fault case ends with, once the cluster is healthy again: every accepted job exists exactly once
/// and ended (completed, failed or interrupted), none printed twice (each label file of a virtual printer written once;
/// a completed job has one file per label copy); every acknowledged setting holds (or was overtaken by a value sent
/// later); every acknowledged creation exists once.
/// </summary>
public static class Invariants
{
    /// <summary>Final states of the accepted jobs, by key, once every job has ended.</summary>
    public static async Task<IReadOnlyDictionary<string, JobRow>> AssertJobsExactlyOnceAsync(
        HttpClient client, FaultLedger ledger, ITestOutputHelper output, TimeSpan? finishWithin = null)
    {
        // A client stopped while retrying would retry once more: its key then answers with the job, or makes it.
        var clients = new FaultClients(client, ledger, [], new Random(0), "resolve");
        var unanswered = ledger.Unanswered.Values.ToList();
        var existed = 0;
        foreach (var job in unanswered)
        {
            using var resolve = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var before = ledger.Count(System.Net.HttpStatusCode.OK);
            Assert.True(await clients.SubmitUntilAnswered(job, resolve.Token), $"job {job.Key} was never answered once the cluster was healthy");
            existed += ledger.Count(System.Net.HttpStatusCode.OK) > before ? 1 : 0;
        }
        if (unanswered.Count > 0)
        {
            output.WriteLine($"Unanswered jobs retried at the end: {unanswered.Count}; {existed} of them had been stored although their request was refused or lost.");
        }

        var printers = ledger.Jobs.Values.Select(j => j.Printer).Distinct().ToList();
        await ClusterApi.WaitAsync(async () =>
        {
            foreach (var printer in printers)
            {
                if (await ClusterApi.JobsAsync(client, printer) is not { } jobs || jobs.Any(j => !j.IsFinal))
                {
                    return false;
                }
            }
            return true;
        }, "every job has ended", finishWithin ?? TimeSpan.FromSeconds(120));

        // Each key answers with its own job, ended: a key never made a second job.
        var finals = new Dictionary<string, JobRow>(StringComparer.Ordinal);
        foreach (var job in ledger.Jobs.Values)
        {
            var again = await ClusterApi.PrintAsync(client, job.Printer, job.Key, ["retry"], 1);
            Assert.True(again.Status == HttpStatusCode.OK, $"job {job.Key} answered a retry with {again}");
            var row = JobRow.From(again.Json!.Value);
            Assert.True(row.Id == job.JobId, $"key {job.Key} was accepted as job {job.JobId} but now answers with job {row.Id}");
            Assert.True(row.IsFinal, $"job {job.JobId} ({job.Key}) is {row.State}");
            finals[job.Key] = row;
        }

        // Each machine lists a job once, with a key that was asked for, at most once per key.
        var keys = ledger.Jobs.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var printer in printers)
        {
            var jobs = await ClusterApi.JobsAsync(client, printer) ?? throw new InvalidOperationException($"{printer} does not list its jobs");
            Assert.True(jobs.Select(j => j.Id).Distinct().Count() == jobs.Count, $"{printer} lists a job twice");
            var twice = jobs.Where(j => j.Key is not null).GroupBy(j => j.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{printer} has two jobs for the keys {string.Join(", ", twice)}");
            var strangers = jobs.Where(j => j.Key is null || !keys.Contains(j.Key)).Select(j => j.Id).ToList();
            Assert.True(strangers.Count == 0, $"{printer} has jobs nobody asked for: {string.Join(", ", strangers)}");
        }
        var states = finals.Values.GroupBy(j => j.State).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Jobs: {finals.Count} accepted, each exactly once: {string.Join(", ", states.OrderBy(s => s.Key).Select(s => $"{s.Value} {s.Key}"))}.");
        return finals.ToDictionary(f => f.Value.Id, f => f.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Every label file in the virtual printers' spool belongs to an accepted job and was written once; a completed job
    /// has one file per label copy; an interrupted or failed one no more than that.
    /// </summary>
    public static void AssertPrintedOnce(SpoolWatch spool, IReadOnlyDictionary<string, JobRow> jobsById, FaultLedger ledger, ITestOutputHelper output)
    {
        Assert.False(spool.Overflowed, "the spool watcher lost events, so it cannot tell whether a label was printed twice");
        var twice = spool.Writes.Where(w => w.Value > 1).Select(w => $"{w.Key} x{w.Value}").ToList();
        Assert.True(twice.Count == 0, $"labels printed twice: {string.Join(", ", twice.Take(20))}");
        var accepted = ledger.Jobs.Values.ToDictionary(j => j.JobId, StringComparer.Ordinal);
        var strangers = spool.JobIdsOnDisk().Where(id => !accepted.ContainsKey(id)).ToList();
        Assert.True(strangers.Count == 0, $"labels of jobs nobody was told about: {string.Join(", ", strangers.Take(20))}");
        var files = 0;
        foreach (var (id, job) in jobsById)
        {
            if (!accepted.TryGetValue(id, out var sent))
            {
                continue;
            }
            var onDisk = spool.FilesOf(id);
            files += onDisk.Count;
            var expected = sent.Labels * sent.Copies;
            if (job.State == "completed")
            {
                Assert.True(onDisk.Count == expected, $"completed job {id} has {onDisk.Count} label files, not {expected}");
            }
            else
            {
                Assert.True(onDisk.Count <= expected, $"{job.State} job {id} has {onDisk.Count} label files, more than its {expected}");
            }
        }
        output.WriteLine($"Spool: {files} label files, each written once ({spool.Writes.Count} names watched).");
    }

    /// <summary>Each machine's setting holds its last acknowledged value, or a value sent after it.</summary>
    public static async Task AssertSettingsHeldAsync(HttpClient client, FaultLedger ledger, ITestOutputHelper output)
    {
        foreach (var (printer, track) in ledger.Settings)
        {
            string? value = null;
            await ClusterApi.WaitAsync(async () =>
            {
                var answer = await ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{printer}/settings/M/{FaultClients.LocationSetting}/");
                if (answer.Status != HttpStatusCode.OK)
                {
                    return false;
                }
                var setting = answer.Json!.Value.GetProperty("value");
                value = setting.ValueKind == JsonValueKind.Null ? null : setting.GetString();
                return true;
            }, $"{printer}'s setting can be read");
            Assert.True(track.Allows(value), $"{printer} has {FaultClients.LocationSetting}='{value}': {track}");
        }
        output.WriteLine($"Settings: {ledger.Settings.Values.Sum(s => s.Acknowledged)} acknowledged changes on {ledger.Settings.Count} machines; each holds its last.");
    }

    /// <summary>Every acknowledged creation is listed once with its pk; one in flight at most once; nothing else appeared.</summary>
    public static async Task AssertCreationsAsync(HttpClient client, FaultLedger ledger, IReadOnlyCollection<string> setUp, ITestOutputHelper output)
    {
        var listed = await ClusterApi.MachinesAsync(client);
        Assert.NotEmpty(listed);
        var byName = listed.Values.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var twice = byName.Where(g => g.Value.Count > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"machines listed twice: {string.Join(", ", twice)}");
        foreach (var (name, pk) in ledger.Created)
        {
            Assert.True(byName.TryGetValue(name, out var found), $"acknowledged machine '{name}' is missing");
            Assert.Equal(pk, found[0].Pk);
        }
        var stored = byName.Keys.Where(n => ledger.CreatesInFlight.ContainsKey(n)).ToList();
        var strangers = byName.Keys.Where(n => !ledger.Created.ContainsKey(n) && !ledger.CreatesInFlight.ContainsKey(n) && !setUp.Contains(n)).ToList();
        Assert.True(strangers.Count == 0, $"machines nobody asked for: {string.Join(", ", strangers)}");
        output.WriteLine($"Machines: {ledger.Created.Count} creations acknowledged, each listed once; {stored.Count} of {ledger.CreatesInFlight.Count} unacknowledged ones were stored.");
    }

    /// <summary>The API answered nothing but successes and 503s with a reason, each in time.</summary>
    public static void AssertOnlyClearAnswers(FaultLedger ledger, ITestOutputHelper output)
    {
        output.WriteLine(ledger.Summary());
        foreach (var (reason, count) in ledger.UnavailableReasons.OrderByDescending(r => r.Value).Take(15))
        {
            output.WriteLine($"  503 x{count}: {reason}");
        }
        Assert.True(ledger.Unexpected.Count == 0, $"{ledger.Unexpected.Count} unexpected answers, e.g.:\n{string.Join('\n', ledger.Unexpected.Take(15))}");
    }
}
