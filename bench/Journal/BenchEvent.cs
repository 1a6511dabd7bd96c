namespace MachineActors.Bench.Journal;

/// <summary>A small event, about the size of a machine setting change.</summary>
public sealed record BenchEvent(int Number, string Data);
