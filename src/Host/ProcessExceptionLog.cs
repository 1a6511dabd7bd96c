namespace MachineActors.Host;

/// <summary>
/// Says what would otherwise go unsaid. An exception that ends a task nobody awaits (a driver's fire-and-forget work) is
/// logged and the node goes on. An exception that escapes a thread the actor runtime does not run — a driver's own
/// <see cref="Thread"/>, a <see cref="Timer"/> callback, an <c>async void</c> method — ends the process: .NET lets no
/// host prevent that, so this only writes the cause to standard error at once (the log's background writer would not
/// get to it) and names the SDK's contained alternative, <c>MachineBackgroundWork</c>.
/// </summary>
public static partial class ProcessExceptionLog
{
    private static int s_installed;

    /// <summary>Installs the handlers once per process; later calls do nothing.</summary>
    public static void Install(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }
        TaskScheduler.UnobservedTaskException += (_, e) =>
        {
            var error = e.Exception.InnerExceptions.Count == 1 ? e.Exception.InnerExceptions[0] : e.Exception;
            LogUnobserved(logger, error.GetType().Name, error.Message, error);
            e.SetObserved();
        };
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Console.Error.WriteLine(
            "MachineActors node: the process ends because of an unhandled exception on a thread outside the actor runtime "
            + "(a driver's own Thread, Timer callback or async void method; drivers should run background work with "
            + $"MachineBackgroundWork, which records failures on the machine): {e.ExceptionObject}");
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "A task nobody awaited failed with {Type}: {Message} (ignored; drivers should run background work with MachineBackgroundWork)")]
    private static partial void LogUnobserved(ILogger logger, string type, string message, Exception error);
}
