namespace MachineActors.Reliability.Faults;

/// <summary>A job the front-end accepted: its printer, its id and what it prints.</summary>
public sealed record AcceptedJob(string Printer, string Key, string JobId, int Labels, int Copies);
