using System.Collections.Concurrent;
using System.Diagnostics;
using MachineActors.Actors;
using MachineActors.Actors.Event;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Serialization;
using MachineActors.Actors.Persistence.Sqlite;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;
using MachineActors.Machines.Printing;
using MachineActors.Registry;
using MachineActors.Registry.Persistence;
using MachineActors.Registry.Printing;

namespace MachineActors.Bench;

/// <summary>
/// Print jobs through the registry on SQLite into virtual printers: jobs/second through one printer and through
/// 100 printers at once, and accept latency (request until the job is persisted and acknowledged). Baseline: the
/// same label files written straight to a spool folder, the work the virtual driver itself does per job.
/// </summary>
internal static class PrintingBenchmark
{
    private static readonly byte[] s_label = "^XA^FO50,50^A0N,40,40^FDShelf A-12^FS^XZ"u8.ToArray();

    public static async Task Run(bool quick)
    {
        var jobsOne = quick ? 300 : 2000;
        var jobsMany = quick ? 1000 : 5000;
        var folder = Directory.CreateTempSubdirectory("machineactors-printbench-").FullName;
        try
        {
            var baseline = WriteBaseline(Path.Combine(folder, "baseline"), jobsMany);
            var (one, _) = await Measure(Path.Combine(folder, "one"), printers: 1, jobsOne);
            var (many, latencies) = await Measure(Path.Combine(folder, "many"), printers: 100, jobsMany);
            latencies.Sort();
            var p50 = latencies[latencies.Count / 2];
            var p99 = latencies[(int)(latencies.Count * 0.99)];
            Console.WriteLine($"printing: {jobsOne:N0} jobs through 1 printer: {one:N0} jobs/s; {jobsMany:N0} jobs through 100 printers: {many:N0} jobs/s");
            Console.WriteLine($"accept latency (request until persisted and acknowledged): p50 {p50:F2} ms, p99 {p99:F2} ms");
            Console.WriteLine($"baseline: the same label files written straight to a folder: {baseline:N0} files/s; ratio {many / baseline:F3}");
            Report.Result("printing", ("jobs_per_s_1", Math.Round(one)), ("jobs_per_s_100", Math.Round(many)),
                ("accept_p50_ms", Math.Round(p50, 2)), ("accept_p99_ms", Math.Round(p99, 2)),
                ("baseline_files_per_s", Math.Round(baseline)), ("ratio", Math.Round(many / baseline, 3)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double WriteBaseline(string spool, int jobs)
    {
        Directory.CreateDirectory(spool);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            // What the virtual driver does per label: a temp file, flushed, then moved into place.
            var target = Path.Combine(spool, $"{i}.zpl");
            var temp = target + ".tmp";
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                file.Write(s_label);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        return jobs / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double JobsPerSecond, List<double> AcceptMs)> Measure(string folder, int printers, int jobs)
    {
        Directory.CreateDirectory(folder);
        await using var system = ActorSystem.Create("printbench", new ActorSystemOptions { StandardErrorLogLevel = LogLevel.Error });
        var serializer = new EventSerializer(PrintQueueEventTypes.Register(MachineStoreEventTypes.Register(new EventTypeRegistry())), 16 * 1024 * 1024);
        var sqlite = new SqliteStoreOptions { DatabasePath = Path.Combine(folder, "bench.db") };
        await Persistence.StartAsync(system, new SqliteJournal(sqlite, serializer), new SqliteSnapshotStore(sqlite, serializer));
        var ready = new TaskCompletionSource();
        var completed = new CountdownEvent(jobs);
        var listener = system.ActorOf(Props.Create(() => new Listener(ready, completed)));
        system.EventStream.Subscribe(listener, typeof(RegistryReady));
        system.EventStream.Subscribe(listener, typeof(PrintJobUpdated));
        var registry = system.ActorOf(RegistryActor.Props(new RegistryOptions
        {
            BuiltInAssemblies = [typeof(LabelPrinterMachineType).Assembly],
        }, new JournalMachineConfigStore(system)), "registry");
        await ready.Task;
        var machines = new List<Guid>();
        for (var p = 0; p < printers; p++)
        {
            var added = await registry.Ask<MachineResult>(new AddMachine($"printer-{p}", "label-printer", "virtual-label-printer")
            {
                Settings = [new SettingChange(SettingConfigType.Driver, "SPOOL_DIR", Path.Combine(folder, "spool"))],
            }, TimeSpan.FromSeconds(30));
            machines.Add(added.Machine.Id);
        }
        var latencies = new ConcurrentBag<double>();
        var labels = new[] { new Label(s_label, "application/zpl") };
        var options = new Dictionary<string, object?>();
        var watch = Stopwatch.StartNew();
        // 32 clients submit concurrently, spread over the printers.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(client => Task.Run(async () =>
        {
            for (var n = client; n < jobs; n += 32)
            {
                var started = Stopwatch.GetTimestamp();
                await registry.Ask<PrintJobAccepted>(new SubmitPrintJob(machines[n % printers], labels, options, $"job-{n}"), TimeSpan.FromSeconds(60));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        await Task.Run(() => completed.Wait(TimeSpan.FromMinutes(5)));
        if (completed.CurrentCount > 0)
        {
            throw new TimeoutException($"{completed.CurrentCount} jobs did not complete.");
        }
        return (jobs / watch.Elapsed.TotalSeconds, [.. latencies]);
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(TaskCompletionSource ready, CountdownEvent completed)
        {
            Receive<RegistryReady>(_ => ready.TrySetResult());
            Receive<PrintJobUpdated>(updated =>
            {
                if (updated.Job.State == PrintJobState.Completed)
                {
                    completed.Signal();
                }
                else if (updated.Job.State is PrintJobState.Failed or PrintJobState.Interrupted)
                {
                    throw new InvalidOperationException($"Job {updated.Job.Id} ended {updated.Job.State}: {updated.Job.Error}");
                }
            });
        }
    }
}
