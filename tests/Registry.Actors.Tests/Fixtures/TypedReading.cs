namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>A command result that is not a single value.</summary>
public sealed record TypedReading(int Count, IReadOnlyList<int> Values);
