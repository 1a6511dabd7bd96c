namespace MachineActors.Host.Tests.Security;

/// <summary>What the malformed requests aim at: a running test-driver machine, a virtual printer with a job, an inactive IPP printer, and a name that is taken.</summary>
public sealed record FuzzTargets(string ApiMachine, string Printer, string Job, string IppMachine, string ExistingName);
