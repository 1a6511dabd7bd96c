namespace MachineActors.Actors.Event;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,

    /// <summary>Only as a threshold: nothing is at this level.</summary>
    Off,
}

/// <summary>Log events travel on the <see cref="EventStream"/>; a host bridges them to its logging.</summary>
public abstract record LogEvent(LogLevel Level, string LogSource, Type LogClass, string Message)
{
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;
}

public sealed record Error(Exception? Cause, string LogSource, Type LogClass, string Message)
    : LogEvent(LogLevel.Error, LogSource, LogClass, Message);

public sealed record Warning(string LogSource, Type LogClass, string Message, Exception? Cause = null)
    : LogEvent(LogLevel.Warning, LogSource, LogClass, Message);

public sealed record Info(string LogSource, Type LogClass, string Message)
    : LogEvent(LogLevel.Info, LogSource, LogClass, Message);

public sealed record Debug(string LogSource, Type LogClass, string Message)
    : LogEvent(LogLevel.Debug, LogSource, LogClass, Message);
