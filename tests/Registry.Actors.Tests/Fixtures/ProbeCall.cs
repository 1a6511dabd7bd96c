using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>One call a probe driver received.</summary>
public sealed record ProbeCall(string Call, string Detail, MachineState? OldState = null);
