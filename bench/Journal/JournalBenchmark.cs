using System.Diagnostics;
using MachineActors.Actors;
using MachineActors.Actors.Persistence;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Bench.Journal;

/// <summary>
/// Events/second from 1, 100 and 1,000 concurrent persistent actors (each persisting one event after
/// another through the group-committing journal) against the same rows written by a plain batched
/// INSERT loop on the same kind of database; and recovery speed of one actor replaying 100,000 events.
/// </summary>
internal static class JournalBenchmark
{
    private const string Data = "LOCATION=Shipping bench 4";
    private const int BaselineBatch = 1000;

    public static async Task Run(bool quick)
    {
        var runs = quick
            ? new[] { (Actors: 1, Events: 100), (Actors: 100, Events: 10), (Actors: 1000, Events: 5) }
            : [(Actors: 1, Events: 500), (Actors: 100, Events: 50), (Actors: 1000, Events: 20)];
        var recoveryEvents = quick ? 20_000 : 100_000;
        var stores = new List<IBenchStore> { new SqliteBenchStore() };
        if (await PrivatePostgresForBench.TryStart() is { } postgres)
        {
            stores.Add(postgres);
        }
        else
        {
            Console.WriteLine("journal: PostgreSQL is not reachable (set MACHINEACTORS_BENCH_POSTGRES or install postgresql-15); measuring SQLite only.");
        }
        var results = new List<(string Key, object Value)[]>();
        foreach (var store in stores)
        {
            await using (store)
            {
                Console.WriteLine($"journal on {store.Name}:");
                Console.WriteLine($"{"actors",8} {"events",8} {"events/s",12} {"writes/store call",18}");
                double eventsPerSecond = 0;
                foreach (var (actors, events) in runs)
                {
                    (eventsPerSecond, var batching) = await MeasureWriters(store, actors, events);
                    Console.WriteLine($"{actors,8} {actors * events,8} {eventsPerSecond,12:N0} {batching,18:F1}");
                }
                var (largest, perActor) = runs[^1];
                var baseline = await store.InsertBaseline(BaselineRows(largest, perActor), BaselineBatch);
                var recovery = await MeasureRecovery(store, recoveryEvents);
                Console.WriteLine($"baseline: {largest * perActor:N0} rows by batched INSERT ({BaselineBatch} per transaction): {baseline:N0} rows/s; ratio {eventsPerSecond / baseline:F2}");
                Console.WriteLine($"recovery: {recoveryEvents:N0} events replayed into one actor: {recovery:N0} events/s");
                results.Add(
                [
                    ("store", store.Name), ("actors", largest), ("events_per_s", (long)Math.Round(eventsPerSecond)),
                    ("baseline_rows_per_s", (long)Math.Round(baseline)), ("ratio", eventsPerSecond / baseline),
                    ("recovery_events_per_s", (long)Math.Round(recovery)),
                ]);
            }
        }
        results.ForEach(values => Report.Result("journal", values));
    }

    private static EventSerializer Serializer() =>
        new(new EventTypeRegistry().Register<BenchEvent>("bench-event.v1"), new PersistenceOptions().MaxPayloadBytes);

    private static List<(string, long, byte[])> BaselineRows(int actors, int eventsPerActor)
    {
        var serializer = Serializer();
        var rows = new List<(string, long, byte[])>(actors * eventsPerActor);
        for (var e = 1; e <= eventsPerActor; e++)
        {
            for (var a = 0; a < actors; a++)
            {
                rows.Add(($"writer-{a}", e, serializer.Serialize(new BenchEvent(e, Data)).Bytes));
            }
        }
        return rows;
    }

    private static async Task<(double EventsPerSecond, double WritesPerCall)> MeasureWriters(IBenchStore store, int actors, int eventsPerActor)
    {
        var (opened, snapshots) = store.Open(Serializer());
        var journal = new CountingJournal(opened);
        await using var system = ActorSystem.Create("journal-bench");
        await Persistence.StartAsync(system, journal, snapshots);
        using var recovered = new CountdownEvent(actors);
        using var done = new CountdownEvent(actors);
        var writers = Enumerable.Range(0, actors)
            .Select(i => system.ActorOf(Props.Create(() => new WriterActor($"writer-{i}", eventsPerActor, Data, recovered, done))))
            .ToList();
        // Recovery (a snapshot load and a replay per actor) is not part of the write rate.
        await Task.Run(() => recovered.Wait());
        var watch = Stopwatch.StartNew();
        writers.ForEach(w => w.Tell("go", null));
        await Task.Run(() => done.Wait());
        return (actors * eventsPerActor / watch.Elapsed.TotalSeconds, journal.WritesPerCall);
    }

    private static async Task<double> MeasureRecovery(IBenchStore store, int events)
    {
        var serializer = Serializer();
        var (journal, snapshots) = store.Open(serializer);
        await using var system = ActorSystem.Create("recovery-bench");
        await Persistence.StartAsync(system, journal, snapshots);
        const string id = "recovering";
        var now = DateTimeOffset.UtcNow;
        for (var start = 1; start <= events; start += 1000)
        {
            var count = Math.Min(1000, events - start + 1);
            var write = new AtomicWrite([.. Enumerable.Range(start, count).Select(n => new PersistentEvent(id, n, new BenchEvent(n, Data), now))]);
            await journal.WriteAsync([write], CancellationToken.None);
        }
        var recovered = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = Stopwatch.StartNew();
        system.ActorOf(Props.Create(() => new RecoveringActor(id, recovered)));
        var count2 = await recovered.Task;
        var rate = count2 / watch.Elapsed.TotalSeconds;
        if (count2 != events)
        {
            throw new InvalidOperationException($"Recovered {count2} events, expected {events}.");
        }
        return rate;
    }
}
