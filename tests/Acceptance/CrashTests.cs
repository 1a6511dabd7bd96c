using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace MachineActors.Acceptance;

/// <summary>
/// A node on SQLite is killed with SIGKILL at random moments while clients create machines and change settings;
/// after every restart each acknowledged change is there, exactly once, and nothing appears that was not asked for.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Type = "test-printer";
    private const string Driver = "test-printer-api";
    private const string Setting = "TEST_SETTING";
    private const int Workers = 4;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("machineactors-crash-").FullName;

    /// <summary>At least 20 rounds (the issue asks for 20 in CI); MACHINEACTORS_CRASH_ROUNDS raises it.</summary>
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("MACHINEACTORS_CRASH_ROUNDS"), out var rounds) && rounds > 20 ? rounds : 20;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Acknowledged_changes_survive_kill_9_at_random_moments_and_nothing_is_duplicated()
    {
        var ledger = new CrashLedger();
        var random = new Random(Environment.TickCount);
        for (var round = 1; round <= Rounds; round++)
        {
            await using var node = await NodeProcess.Start(_dataDir);
            using var client = node.Client();
            await Verify(client, ledger, round);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Workers).Select(w => Work(client, ledger, round, w, new Random(random.Next()), stop.Token)).ToArray();
            await Task.Delay(random.Next(100, 600));
            await node.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        await using (var last = await NodeProcess.Start(_dataDir))
        {
            using var client = last.Client();
            await Verify(client, ledger, Rounds + 1);
        }
        output.WriteLine($"{Rounds} kills; {ledger.AcknowledgedCreates} machines and {ledger.AcknowledgedSettings} setting changes acknowledged; {ledger.Machines.Count} machines in the end.");
        // The kills must have hit a node under load, or the test proves nothing.
        Assert.True(ledger.AcknowledgedCreates >= Rounds, $"only {ledger.AcknowledgedCreates} creates were acknowledged");
        Assert.True(ledger.AcknowledgedSettings >= Rounds, $"only {ledger.AcknowledgedSettings} setting changes were acknowledged");
    }

    private static async Task Verify(HttpClient client, CrashLedger ledger, int round)
    {
        var machines = (await client.GetFromJsonAsync<JsonElement>("/api/machine/")).EnumerateArray()
            .Select(m => (Name: m.GetProperty("name").GetString()!, Pk: m.GetProperty("pk").GetGuid()))
            .ToList();
        var duplicates = machines.GroupBy(m => m.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"round {round}: duplicated machines {string.Join(", ", duplicates)}");
        var stored = machines.ToDictionary(m => m.Name, m => m.Pk);
        foreach (var (name, machine) in ledger.Machines)
        {
            Assert.True(stored.TryGetValue(name, out var pk), $"round {round}: acknowledged machine '{name}' is missing");
            Assert.Equal(machine.Pk, pk);
        }
        foreach (var (name, pk) in stored.Where(m => !ledger.Machines.ContainsKey(m.Key)))
        {
            // A creation the node stored but could not acknowledge before it died: it must stay from now on.
            Assert.True(ledger.CreatesInFlight.ContainsKey(name), $"round {round}: machine '{name}' was never asked for");
            ledger.Machines[name] = new CrashLedger.TrackedMachine(pk, Worker(name));
        }
        ledger.CreatesInFlight.Clear();
        foreach (var (name, machine) in ledger.Machines)
        {
            var setting = await client.GetFromJsonAsync<JsonElement>($"/api/machine/{machine.Pk}/settings/D/{Setting}/");
            var value = setting.GetProperty("value").GetString();
            var expected = machine.Acknowledged ?? "";
            Assert.True(value == expected || value == machine.InFlight,
                $"round {round}: '{name}' has {Setting}='{value}', acknowledged '{expected}', in flight '{machine.InFlight}'");
            machine.Acknowledged = value;
            machine.InFlight = null;
        }
    }

    private static int Worker(string name) => int.Parse(name.Split('-')[1][1..], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task Work(HttpClient client, CrashLedger ledger, int round, int worker, Random random, CancellationToken stop)
    {
        var created = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var mine = ledger.Machines.Values.Where(m => m.Worker == worker).ToList();
                if (mine.Count == 0 || random.Next(3) == 0)
                {
                    var name = $"r{round}-w{worker}-{created++}";
                    ledger.CreatesInFlight[name] = 0;
                    using var response = await client.PostAsJsonAsync("/api/machine/", new { name, machine_type = Type, driver = Driver }, stop);
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    var pk = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("pk").GetGuid();
                    ledger.Machines[name] = new CrashLedger.TrackedMachine(pk, worker);
                    ledger.CreatesInFlight.TryRemove(name, out _);
                    Interlocked.Increment(ref ledger.AcknowledgedCreates);
                }
                else
                {
                    var machine = mine[random.Next(mine.Count)];
                    var value = $"v-{round}-{worker}-{random.Next()}";
                    machine.InFlight = value;
                    using var response = await client.PatchAsJsonAsync($"/api/machine/{machine.Pk}/settings/D/{Setting}/", new { value }, stop);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    machine.Acknowledged = value;
                    machine.InFlight = null;
                    Interlocked.Increment(ref ledger.AcknowledgedSettings);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
        {
            // The node was killed: whatever was in flight stays marked as such.
        }
    }
}
