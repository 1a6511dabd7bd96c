using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Unicode;
using MachineActors.Drivers.Ipp;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// <c>ipp-label-printer</c>: prints on a network printer over IPP/2.0.
/// <list type="bullet">
/// <item>Status: Get-Printer-Attributes (printer-state, printer-state-reasons) through <see cref="PrinterStateMapper"/>:
/// Ready is CONNECTED, Printing PRINTING, Warning WARNING, NoMedia NO_MEDIA, PaperJam PAPER_JAM, Error ERROR, Unknown
/// UNKNOWN; an unreachable printer or one that does not answer in time is DISCONNECTED; an HTTP, IPP or format error in
/// the answer is ERROR. The status text is the mapper's (e.g. "Idle: media empty (report)") or the failure.</item>
/// <item>InitMachine reads the status and starts a poll every POLL_INTERVAL seconds on <see cref="Driver.TimeProvider"/>,
/// until the machine stops. A printer that is off is not a broken machine: InitMachine then shows DISCONNECTED and
/// succeeds, and the poll shows the printer once it answers.</item>
/// <item>PrintLabel reads the status first and fails at once when the printer cannot print (DISCONNECTED, NO_MEDIA,
/// PAPER_JAM, ERROR); otherwise it sends Print-Job (document-format from the label's media type, job-name from the
/// label's name or "&lt;job id&gt;-&lt;label index&gt;", copies, media) and polls Get-Job-Attributes until the job is
/// completed, aborted or canceled (reading the printer's status each round, so a job the printer holds for media shows
/// NO_MEDIA while it waits); aborted and canceled fail the label with the printer's reasons. Afterwards the status is
/// read again. A held job is waited for until the caller's token ends the wait; the printer's job is then left alone.</item>
/// <item>Network timeouts (TIMEOUT) are real time; only polls and waits use <see cref="Driver.TimeProvider"/>.</item>
/// </list>
/// </summary>
public sealed class IppLabelPrinterDriver : LabelPrinterDriver
{
    /// <summary>The printer URI, e.g. <c>ipp://printer.local:631/ipp/print</c>.</summary>
    public const string PrinterUriSetting = "PRINTER_URI";

    /// <summary>Seconds one IPP operation may take.</summary>
    public const string TimeoutSetting = "TIMEOUT";

    /// <summary>User name for HTTP basic authentication.</summary>
    public const string UserNameSetting = "USERNAME";

    /// <summary>Password for HTTP basic authentication (protected).</summary>
    public const string PasswordSetting = "PASSWORD";

    /// <summary>Seconds between status polls; 0 disables the poll.</summary>
    public const string PollIntervalSetting = "POLL_INTERVAL";

    /// <summary>The print option naming the media (IPP <c>media</c> keyword).</summary>
    public const string MediaOption = "media";

    internal const int DefaultTimeoutSeconds = 10;
    internal const int DefaultPollSeconds = 30;

    private const int MaxJobNameBytes = 255;
    private const double MaxTimeoutSeconds = 300;
    private const int MaxPollSeconds = 86_400;

    private static readonly TimeSpan FirstJobCheck = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxJobCheck = TimeSpan.FromSeconds(2);
    private static readonly string[] StateAttributes = ["printer-state", "printer-state-reasons"];

    private static readonly IReadOnlyList<SettingDefinition> DriverSettings =
    [
        new SettingDefinition
        {
            Key = PrinterUriSetting,
            Name = "Printer URI",
            Description = "The printer's IPP address, e.g. ipp://printer.local:631/ipp/print",
            Required = true,
            Validator = ValidatePrinterUri,
        },
        new SettingDefinition
        {
            Key = TimeoutSetting,
            Name = "Timeout",
            Description = "How long one request to the printer may take",
            Type = SettingType.Float,
            Default = DefaultTimeoutSeconds,
            Units = "s",
            Validator = value => value is double seconds and > 0 and <= MaxTimeoutSeconds
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"must be more than 0 and at most {MaxTimeoutSeconds} seconds"),
        },
        new SettingDefinition
        {
            Key = UserNameSetting,
            Name = "User name",
            Description = "User name for HTTP basic authentication; none when empty",
        },
        new SettingDefinition
        {
            Key = PasswordSetting,
            Name = "Password",
            Description = "Password for HTTP basic authentication",
            Protected = true,
        },
        new SettingDefinition
        {
            Key = PollIntervalSetting,
            Name = "Status poll interval",
            Description = "How often the printer's status is read; 0 reads it only when printing",
            Type = SettingType.Int,
            Default = DefaultPollSeconds,
            Units = "s",
            Validator = value => value is int seconds and >= 0 and <= MaxPollSeconds
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {MaxPollSeconds} seconds"),
        },
    ];

    private static readonly IReadOnlyList<PrintOptionDefinition> PrintOptionsOfIpp =
    [
        new PrintOptionDefinition
        {
            Key = MediaOption,
            Name = "Media",
            Description = "IPP media keyword, e.g. oe_4x6-label_4x6in; the printer's default when empty",
        },
    ];

    private readonly ConcurrentDictionary<Guid, IppPrinterSession> _sessions = new();
    private readonly HttpClient _http;

    /// <summary>Creates the driver with its own HTTP connection pool.</summary>
    public IppLabelPrinterDriver()
        : this(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
    }

    /// <summary>Creates the driver on <paramref name="handler"/> (a proxy, or a stub in tests), which it then owns.</summary>
    public IppLabelPrinterDriver(HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <inheritdoc />
    public override string Slug => "ipp-label-printer";

    /// <inheritdoc />
    public override string Name => "IPP Label Printer";

    /// <inheritdoc />
    public override string Description => "Prints labels on a network printer over IPP/2.0 and polls its status.";

    /// <inheritdoc />
    public override IReadOnlyList<SettingDefinition> Settings => DriverSettings;

    /// <inheritdoc />
    public override IReadOnlyList<PrintOptionDefinition> ExtraPrintOptions => PrintOptionsOfIpp;

    /// <summary>Maps a printer condition to the label printer status shown for it.</summary>
    public static MachineStatus StatusFor(IppPrinterCondition condition) => condition switch
    {
        IppPrinterCondition.Ready => LabelPrinterStatuses.Connected,
        IppPrinterCondition.Printing => LabelPrinterStatuses.Printing,
        IppPrinterCondition.Warning => LabelPrinterStatuses.Warning,
        IppPrinterCondition.NoMedia => LabelPrinterStatuses.NoMedia,
        IppPrinterCondition.PaperJam => LabelPrinterStatuses.PaperJam,
        IppPrinterCondition.Error => LabelPrinterStatuses.Error,
        _ => LabelPrinterStatuses.Unknown,
    };

    /// <summary>Reads the printer's status (DISCONNECTED when it does not answer) and starts the status poll.</summary>
    public override async Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var settings = IppPrinterSettings.Read(machine);
        var session = new IppPrinterSession(machine, new IppClient(_http, settings.Client), settings);
        if (_sessions.TryGetValue(machine.Id, out var previous))
        {
            previous.Dispose();
        }

        _sessions[machine.Id] = session;
        session.OnMachineStopping(() => Remove(machine.Id, session));
        try
        {
            await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Remove(machine.Id, session);
            throw;
        }

        if (settings.PollInterval > TimeSpan.Zero)
        {
            session.StartPolling(PollAsync);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only a running machine is set up again here: the registry itself initialises a machine that a change
    /// activates or completes, and stops the work of one it deactivates.
    /// </remarks>
    public override Task UpdateMachine(MachineState oldState, IMachine machine, CancellationToken cancellationToken) =>
        machine is { Active: true, Initialized: true } ? InitMachine(machine, cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public override Task RestartMachine(IMachine machine, CancellationToken cancellationToken) =>
        InitMachine(machine, cancellationToken);

    /// <summary>Sends one label as one IPP job and waits until the printer finished it.</summary>
    public override async Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(labelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(labelIndex, job.Labels.Count);
        var session = _sessions.TryGetValue(machine.Id, out var found)
            ? found
            : throw new InvalidOperationException($"Machine '{machine.Name}' was not initialised by {Slug}.");

        var before = await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
        if (!LabelPrinterStatuses.CanPrint(before.Status))
        {
            throw new PrintFailedException($"The printer cannot print label {labelIndex}: {before.Text}", before.Failure)
            {
                LabelIndex = labelIndex,
            };
        }

        var label = job.Labels[labelIndex];
        session.Show(LabelPrinterStatuses.Printing, $"Printing label {labelIndex + 1} of {job.Labels.Count} of job {job.Id}");
        IppJobInfo created;
        try
        {
            created = await session.Client.PrintJobAsync(
                new IppPrintJobRequest
                {
                    Document = label.Content,
                    DocumentFormat = label.MediaType,
                    JobName = JobName(label.Name ?? $"{job.Id:N}-{labelIndex}"),
                    Copies = job.Options.Copies,
                    Media = job.Options.Get<string>(MediaOption),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (IppException ex)
        {
            await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
            throw new PrintFailedException($"The printer refused label {labelIndex}: {ex.Message}", ex) { LabelIndex = labelIndex };
        }
        catch (Exception ex) when (ex is IppConnectionException or IppTimeoutException or IppFormatException)
        {
            throw Lost(session, ex, $"sending label {labelIndex}", labelIndex);
        }

        IppJobInfo done;
        try
        {
            done = await WaitForJobAsync(session, created, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IppException or IppConnectionException or IppTimeoutException or IppFormatException)
        {
            throw Lost(session, ex, $"waiting for IPP job {created.JobId} (label {labelIndex})", labelIndex);
        }

        var after = await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
        if (done.State is not IppJobState.Completed)
        {
            var verb = done.State == IppJobState.Canceled ? "canceled" : "aborted";
            var reasons = done.StateReasons.Count == 0 ? "no reason given" : string.Join(", ", done.StateReasons);
            var message = string.IsNullOrWhiteSpace(done.StateMessage) ? "" : $" ({done.StateMessage})";
            throw new PrintFailedException($"The printer {verb} IPP job {done.JobId} for label {labelIndex}: {reasons}{message}; printer: {after.Text}")
            {
                LabelIndex = labelIndex,
            };
        }
    }

    private static PrintFailedException Lost(IppPrinterSession session, Exception ex, string what, int labelIndex)
    {
        var disconnected = ex is IppTimeoutException or IppConnectionException { HttpStatus: null };
        var status = disconnected ? LabelPrinterStatuses.Disconnected : LabelPrinterStatuses.Error;
        session.Show(status, $"Lost the printer while {what}: {ex.Message}");
        return new PrintFailedException($"Lost the printer while {what}; the label may have printed: {ex.Message}", ex)
        {
            LabelIndex = labelIndex,
            MayHavePrinted = true,
        };
    }

    /// <summary>
    /// Polls the job until it is terminal, reading the printer's status each round so that a job the printer holds
    /// (out of media, jammed) shows why; a held job is waited for until the caller's token ends the wait.
    /// </summary>
    private async Task<IppJobInfo> WaitForJobAsync(IppPrinterSession session, IppJobInfo job, CancellationToken cancellationToken)
    {
        var wait = FirstJobCheck;
        while (!job.IsTerminal)
        {
            await Task.Delay(wait, TimeProvider, cancellationToken).ConfigureAwait(false);
            job = await session.Client.GetJobAttributesAsync(job.JobId, cancellationToken).ConfigureAwait(false);
            if (!job.IsTerminal)
            {
                await RefreshAsync(session, cancellationToken).ConfigureAwait(false);
            }

            wait = wait * 2 < MaxJobCheck ? wait * 2 : MaxJobCheck;
        }

        return job;
    }

    private async Task PollAsync(IppPrinterSession session)
    {
        var stopping = session.Stopping;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(session.Settings.PollInterval, TimeProvider, stopping).ConfigureAwait(false);
                await RefreshAsync(session, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The poll outlives any single failure: it shows the failure and tries again next round.
                session.Show(LabelPrinterStatuses.Error, $"Status poll failed: {ex.Message}");
            }
        }
    }

    /// <summary>Reads the printer's state and shows it; printer and network failures become a status, never an exception.</summary>
    private static async Task<IppPrinterCheck> RefreshAsync(IppPrinterSession session, CancellationToken cancellationToken)
    {
        IppPrinterCheck check;
        try
        {
            var attributes = await session.Client.GetPrinterAttributesAsync(StateAttributes, cancellationToken).ConfigureAwait(false);
            var printer = PrinterStateMapper.Map(attributes);
            check = new IppPrinterCheck(StatusFor(printer.Condition), printer.Text, null);
        }
        catch (Exception ex) when (ex is IppTimeoutException or IppConnectionException { HttpStatus: null })
        {
            check = new IppPrinterCheck(LabelPrinterStatuses.Disconnected, $"Cannot reach the printer: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IppConnectionException or IppException or IppFormatException)
        {
            check = new IppPrinterCheck(LabelPrinterStatuses.Error, $"The printer answered with an error: {ex.Message}", ex);
        }

        session.Show(check.Status, check.Text);
        return check;
    }

    private void Remove(Guid machineId, IppPrinterSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<Guid, IppPrinterSession>(machineId, session)))
        {
            session.Dispose();
        }
    }

    /// <summary>
    /// The longest prefix of <paramref name="name"/> that fits in <see cref="MaxJobNameBytes"/> UTF-8 bytes. When the
    /// buffer fills, Utf8.FromUtf16 stops before a surrogate pair it cannot finish, so the prefix stays valid UTF-16.
    /// A name that is not valid UTF-16 is passed on whole for the encoder to reject.
    /// </summary>
    private static string JobName(string name)
    {
        var status = Utf8.FromUtf16(name, stackalloc byte[MaxJobNameBytes], out var charsRead, out _, replaceInvalidSequences: false);
        return status == OperationStatus.DestinationTooSmall ? name[..charsRead] : name;
    }

    private static string? ValidatePrinterUri(object? value)
    {
        if (value is not string text || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return $"'{value}' is not an absolute URI such as ipp://printer.local:631/ipp/print";
        }

        try
        {
            IppUri.ToHttpUri(uri);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
