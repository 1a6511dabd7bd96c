using System.Globalization;

namespace MachineActors.Reliability.Faults;

/// <summary>
/// The fault cases run one after another (each runs a cluster of node processes; two at once on a small machine
/// would measure the machine, not the cluster). Their seed and round counts come from here, so a failing run can be
/// repeated: MACHINEACTORS_FAULT_SEED sets the seed, MACHINEACTORS_FAULT_ROUNDS the rounds of the repeated cases.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuite
{
    public const string Name = "Faults";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The seed of this run's random timings: MACHINEACTORS_FAULT_SEED, or a fresh one.</summary>
    public static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("MACHINEACTORS_FAULT_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Environment.TickCount & int.MaxValue;

    /// <summary>MACHINEACTORS_FAULT_ROUNDS, else <paramref name="ci"/> under CI=true and <paramref name="full"/> otherwise.</summary>
    public static int Rounds(int full, int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("MACHINEACTORS_FAULT_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? rounds
            : IsCi ? ci : full;
}
