namespace MachineActors.Host.Cli;

/// <summary>A CLI failure with a message for the user (exit code 1).</summary>
public sealed class CliException(string message) : Exception(message);
