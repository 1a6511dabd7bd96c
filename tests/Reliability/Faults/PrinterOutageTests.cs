using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MachineActors.Actors.Persistence.Tests.PostgreSql;
using MachineActors.Drivers.Tests.Ipp;
using MachineActors.Drivers.Tests.Zpl;
using Xunit.Abstractions;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// Fault case 4: printers that go away in the middle of a multi-label job and come back. A real ippeveprinter is killed
/// after two labels of an eight-label job and started again on the same port; a fake Zebra stops answering (and, later,
/// drops every connection) at the second label of a job and recovers. Each cut job ends failed or interrupted with the
/// printer's reason, no label reaches a printer twice, the machine shows DISCONNECTED or ERROR meanwhile and CONNECTED
/// once the printer is back, and the next job prints whole.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed partial class PrinterOutageTests(PrivatePostgres postgres, ITestOutputHelper output) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task An_ipp_printer_killed_mid_job_fails_the_job_once_and_is_connected_again_when_it_returns()
    {
        Environment.SetEnvironmentVariable("PATH", Environment.GetEnvironmentVariable("PATH") + ":/usr/local/sbin:/usr/sbin:/sbin");
        await using var printer = new IppEvePrinterFixture();
        await printer.InitializeAsync();
        await using var cluster = new FaultCluster(postgres.ConnectionString, output);
        try
        {
            var client = await StartAsync(cluster);
            var pk = await ClusterApi.AddPrinterAsync(client, "ipp printer", "ipp-label-printer", "station-a", new Dictionary<string, object>
            {
                ["PRINTER_URI"] = printer.PrinterUri.ToString(),
                ["TIMEOUT"] = 2,
                ["POLL_INTERVAL"] = 1,
            });
            await WaitForStatusAsync(client, pk, 100, "the IPP printer is connected");
            using var statuses = new StatusSampler(client, pk);
            var ledger = new FaultLedger();

            var cut = await SubmitAsync(client, ledger, pk, "ipp-cut", labels: 8);
            await ClusterApi.WaitAsync(() => Task.FromResult(IppFiles(printer, cut.JobId).Count >= 2), "two labels of the job reached the printer");
            await printer.StopPrinterAsync();
            statuses.Mark("ippeveprinter killed");
            var ended = await WaitForEndAsync(client, pk, cut.JobId);
            output.WriteLine($"cut job: {ended.State} after {ended.PrintedLabels.Count} of 8 labels: {ended.Error}");
            Assert.True(ended.State is "failed" or "interrupted", $"the cut job ended {ended.State}");
            Assert.False(string.IsNullOrWhiteSpace(ended.Error), "the cut job ended without a reason");
            await WaitForStatusAsync(client, pk, 400, "the machine shows DISCONNECTED");

            await printer.StartPrinterAsync();
            statuses.Mark("ippeveprinter started again");
            await WaitForStatusAsync(client, pk, 100, "the machine is CONNECTED again");
            var after = await SubmitAsync(client, ledger, pk, "ipp-after", labels: 3);
            Assert.Equal("completed", (await WaitForEndAsync(client, pk, after.JobId)).State);

            output.WriteLine(statuses.Timeline());
            var files = IppFilesByLabel(printer);
            Assert.True(files.Values.All(n => n == 1), "labels printed twice: " + string.Join(", ", files.Where(f => f.Value > 1).Select(f => f.Key)));
            var cutFiles = IppFiles(printer, cut.JobId).Count;
            Assert.InRange(cutFiles, ended.PrintedLabels.Count, 8 - 1);
            Assert.Equal(3, IppFiles(printer, after.JobId).Count);
            output.WriteLine($"ippeveprinter spool: {cutFiles} labels of the cut job (reported printed: {ended.PrintedLabels.Count}), 3 of the next one; none twice.");
            await Invariants.AssertJobsExactlyOnceAsync(client, ledger, output);
            Invariants.AssertOnlyClearAnswers(ledger, output);
            Assert.True(cluster.CrashedProcesses().Count == 0, string.Join("; ", cluster.CrashedProcesses()));
        }
        catch (Exception)
        {
            output.WriteLine(printer.Output);
            cluster.DumpLogs();
            throw;
        }
    }

    [Fact]
    public async Task A_zebra_that_stops_answering_or_drops_connections_mid_job_fails_the_job_once_and_prints_again_when_back()
    {
        await using var zebra = new FakeZebra();
        await using var line = new TcpProxy(zebra.Port);
        await using var cluster = new FaultCluster(postgres.ConnectionString, output);
        try
        {
            var client = await StartAsync(cluster);
            var pk = await ClusterApi.AddPrinterAsync(client, "zebra", "zpl-label-printer", "station-a", new Dictionary<string, object>
            {
                ["HOST"] = "127.0.0.1",
                ["PORT"] = line.Port,
                ["TIMEOUT"] = 1,
            });
            // A Zebra serves one connection at a time and the driver does not poll it: the status is read at start-up,
            // with each label, and when the machine is restarted.
            await ClusterApi.SendAsync(client, HttpMethod.Post, $"/api/machine/{pk}/restart/");
            await WaitForStatusAsync(client, pk, 100, "the Zebra is connected");
            using var statuses = new StatusSampler(client, pk);
            var ledger = new FaultLedger();
            var received = new StringBuilder();

            foreach (var (fault, shown) in new[] { (FakeZebra.Behavior.Silent, 500), (FakeZebra.Behavior.CloseOnConnect, 400) })
            {
                // Per label the driver opens two connections (status, then the label): the fault starts at the second label's
                // status query, once the Zebra has read all of the first label (the driver is done sending before it is).
                var from = line.Connections + 3;
                line.OnConnection = n =>
                {
                    if (n == from)
                    {
                        ReceiveAsync(zebra, received, connections: from - 1).GetAwaiter().GetResult();
                        zebra.Mode = fault;
                    }
                };
                var cut = await SubmitAsync(client, ledger, pk, $"zebra-{fault}", labels: 5);
                var ended = await WaitForEndAsync(client, pk, cut.JobId);
                statuses.Mark($"zebra {fault}: job {ended.State}");
                output.WriteLine($"{fault}: job {ended.State} after {ended.PrintedLabels.Count} of 5 labels: {ended.Error}");
                Assert.True(ended.State is "failed" or "interrupted", $"the cut job ended {ended.State}");
                Assert.Equal([0], ended.PrintedLabels);
                await WaitForStatusAsync(client, pk, shown, $"the machine shows {shown} while the Zebra is {fault}");

                line.OnConnection = null;
                zebra.Mode = FakeZebra.Behavior.Answer;
                statuses.Mark("zebra answers again");
                var after = await SubmitAsync(client, ledger, pk, $"zebra-after-{fault}", labels: 2);
                Assert.Equal("completed", (await WaitForEndAsync(client, pk, after.JobId)).State);
                await WaitForStatusAsync(client, pk, 100, "the machine is CONNECTED again");
            }

            output.WriteLine(statuses.Timeline());
            await ReceiveAsync(zebra, received, connections: line.Connections);
            var twice = Tokens().Matches(received.ToString()).GroupBy(m => m.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"labels sent twice: {string.Join(", ", twice)}");
            var sent = Tokens().Matches(received.ToString()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            output.WriteLine($"fake Zebra received {sent.Count} labels, none twice: {string.Join(" ", sent.Order(StringComparer.Ordinal))}");
            Assert.Equal(2 * (1 + 2), sent.Count);
            await Invariants.AssertJobsExactlyOnceAsync(client, ledger, output);
            Invariants.AssertOnlyClearAnswers(ledger, output);
            Assert.True(cluster.CrashedProcesses().Count == 0, string.Join("; ", cluster.CrashedProcesses()));
        }
        catch (Exception)
        {
            cluster.DumpLogs();
            throw;
        }
    }

    private static async Task<HttpClient> StartAsync(FaultCluster cluster)
    {
        var frontend = await cluster.StartAsync("frontend", "frontend");
        await cluster.StartAsync("station-a", "station");
        var client = frontend.Client();
        await ClusterApi.WaitAsync(async () => (await ClusterApi.UpNodesAsync(client)).SetEquals(["frontend", "station-a"]), "both nodes are up");
        return client;
    }

    /// <summary>Submits a job of text labels, each carrying a token (J&lt;key&gt;L&lt;index&gt;) that identifies it at the printer.</summary>
    private static async Task<AcceptedJob> SubmitAsync(HttpClient client, FaultLedger ledger, string pk, string key, int labels)
    {
        var job = new SentJob(pk, key, [.. Enumerable.Range(0, labels).Select(i => $"J{key.Replace("-", "", StringComparison.Ordinal)}L{i}")], 1);
        var clients = new FaultClients(client, ledger, [], new Random(0), "printer");
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.True(await clients.SubmitUntilAnswered(job, within.Token), $"job {key} was not accepted");
        return ledger.Jobs[key];
    }

    private static async Task<JobRow> WaitForEndAsync(HttpClient client, string pk, string jobId)
    {
        JobRow? job = null;
        await ClusterApi.WaitAsync(async () =>
        {
            var answer = await ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{pk}/jobs/{jobId}/");
            job = answer.Status == HttpStatusCode.OK ? JobRow.From(answer.Json!.Value) : null;
            return job?.IsFinal == true;
        }, $"job {jobId} ended", TimeSpan.FromSeconds(60));
        return job!;
    }

    private static Task WaitForStatusAsync(HttpClient client, string pk, int status, string what) =>
        ClusterApi.WaitAsync(async () =>
        {
            var answer = await ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{pk}/");
            return answer.Status == HttpStatusCode.OK && answer.Json!.Value.GetProperty("status").GetInt32() == status;
        }, what, TimeSpan.FromSeconds(30));

    /// <summary>The labels of a job that reached the printer (their files are in its spool folder).</summary>
    private static IReadOnlyList<string> IppFiles(IppEvePrinterFixture printer, string jobId)
    {
        var prefix = Guid.Parse(jobId).ToString("N");
        return [.. Directory.GetFiles(printer.SpoolDirectory)
            .Select(f => IppJobFile().Match(Path.GetFileName(f)))
            .Where(m => m.Success && m.Groups["label"].Value.StartsWith(prefix, StringComparison.Ordinal))
            .Select(m => m.Groups["label"].Value)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// How often ippeveprinter printed each label, across its runs: it logs "[Job n] Running command ... n-&lt;job name&gt;.dat"
    /// for each IPP job it prints, and the driver names a label's IPP job &lt;job id&gt;-&lt;label index&gt;. (Its job
    /// numbers start again after a restart, so its file names alone could hide a label printed twice.)
    /// </summary>
    private static Dictionary<string, int> IppFilesByLabel(IppEvePrinterFixture printer) =>
        IppPrinted().Matches(printer.Output)
            .GroupBy(m => m.Groups["label"].Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Appends what the fake Zebra received to <paramref name="received"/> until that many of its connections have ended.</summary>
    private static async Task ReceiveAsync(FakeZebra zebra, StringBuilder received, int connections)
    {
        lock (received)
        {
            if (ConnectionsRead(received) >= connections)
            {
                return;
            }
        }
        while (true)
        {
            var bytes = await zebra.NextConnectionAsync(TimeSpan.FromSeconds(10));
            lock (received)
            {
                received.Append(Encoding.Latin1.GetString(bytes)).Append('\u001e');
                if (ConnectionsRead(received) >= connections)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Connections read into <paramref name="received"/>, each ended by a record separator.</summary>
    private static int ConnectionsRead(StringBuilder received)
    {
        var count = 0;
        for (var i = 0; i < received.Length; i++)
        {
            count += received[i] == '\u001e' ? 1 : 0;
        }
        return count;
    }

    [GeneratedRegex(@"^\d+-(?<label>[0-9a-f]{32}-\d+)\.")]
    private static partial Regex IppJobFile();

    [GeneratedRegex(@"\] Running command ""\S+ \S+/\d+-(?<label>[0-9a-f]{32}-\d+)\.")]
    private static partial Regex IppPrinted();

    [GeneratedRegex(@"Jzebra\w+?L\d+")]
    private static partial Regex Tokens();

    /// <summary>
    /// Reads a machine's status every 100 ms and keeps the changes, with marks of what the test did, for the output
    /// (it may miss a short state; the test waits for each state it needs).
    /// </summary>
    private sealed class StatusSampler : IDisposable
    {
        private readonly ConcurrentQueue<(TimeSpan At, string What)> _timeline = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _sampling;

        public StatusSampler(HttpClient client, string pk) => _sampling = Task.Run(async () =>
        {
            var last = -1;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var answer = await ClusterApi.SendAsync(client, HttpMethod.Get, $"/api/machine/{pk}/", cancellationToken: _stop.Token);
                    if (answer.Status == HttpStatusCode.OK)
                    {
                        var machine = answer.Json!.Value;
                        var status = machine.GetProperty("status").GetInt32();
                        if (status != last)
                        {
                            last = status;
                            _timeline.Enqueue((_clock.Elapsed, $"{status} {machine.GetProperty("status_model").GetString()}: {machine.GetProperty("status_text").GetString()}"));
                        }
                    }
                    await Task.Delay(100, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
                {
                }
            }
        });

        public void Mark(string what) => _timeline.Enqueue((_clock.Elapsed, $"-- {what}"));

        public string Timeline() => "status timeline:\n" + string.Join('\n', _timeline.Select(t => $"  {t.At.TotalSeconds,6:F1} s  {t.What}"));

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _sampling.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
            _stop.Dispose();
        }
    }
}
