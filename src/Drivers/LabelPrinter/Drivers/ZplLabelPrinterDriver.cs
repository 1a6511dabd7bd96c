using System.Globalization;
using MachineActors.Drivers.Zpl;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// <c>zpl-label-printer</c>: sends ZPL to a Zebra over raw TCP (port 9100) and reads its status with ~HQES and ~HS.
/// <list type="bullet">
/// <item>Status (at InitMachine and before every label): media out is NO_MEDIA, a jam PAPER_JAM, head open, ribbon out
/// and every other error ERROR, paused or a warning WARNING, otherwise CONNECTED; the text names the flags. A printer
/// that refuses or drops the connection is DISCONNECTED; one that accepts it but does not answer in time is ERROR
/// "Status timeout", since a faulted Zebra stays silent. InitMachine never fails for a printer condition.</item>
/// <item>Printing: application/zpl (also text/zpl, x-zpl, vnd.zebra-zpl) is sent as it is, once per copy; text/plain
/// becomes a simple text format laid out for DPMM, with ^PQ for the copies; anything else fails with "unsupported
/// content type" before the printer is contacted. A label is sent only when the printer can print: NO_MEDIA,
/// PAPER_JAM, ERROR and DISCONNECTED fail it. A paused Zebra keeps what it receives and prints it when resumed, so a
/// paused printer still gets the label and shows WARNING saying so.</item>
/// <item>No background poll: a Zebra serves one connection at a time, so the driver only talks to it when asked.</item>
/// </list>
/// </summary>
public sealed class ZplLabelPrinterDriver : LabelPrinterDriver
{
    /// <summary>The printer's host name or address.</summary>
    public const string HostSetting = "HOST";

    /// <summary>The raw TCP port.</summary>
    public const string PortSetting = "PORT";

    /// <summary>Seconds one exchange (connect, send, answer) may take.</summary>
    public const string TimeoutSetting = "TIMEOUT";

    /// <summary>The printer's resolution in dots per millimetre: 6, 8, 12 or 24.</summary>
    public const string DpmmSetting = "DPMM";

    private const int DefaultTimeoutSeconds = 5;
    private const string DefaultDpmm = "8";
    private const double MaxTimeoutSeconds = 300;

    private static readonly IReadOnlyList<SettingDefinition> DriverSettings =
    [
        new SettingDefinition
        {
            Key = HostSetting,
            Name = "Host",
            Description = "Host name or IP address of the printer",
            Required = true,
        },
        new SettingDefinition
        {
            Key = PortSetting,
            Name = "Port",
            Description = "Raw TCP port of the printer",
            Type = SettingType.Int,
            Default = ZebraConnection.DefaultPort,
            Validator = value => value is int port and >= 1 and <= 65535 ? null : "must be between 1 and 65535",
        },
        new SettingDefinition
        {
            Key = TimeoutSetting,
            Name = "Timeout",
            Description = "How long connecting, sending and the printer's status answer may take",
            Type = SettingType.Float,
            Default = DefaultTimeoutSeconds,
            Units = "s",
            Validator = value => value is double seconds and > 0 and <= MaxTimeoutSeconds
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"must be more than 0 and at most {MaxTimeoutSeconds} seconds"),
        },
        new SettingDefinition
        {
            Key = DpmmSetting,
            Name = "Resolution",
            Description = "Dots per millimetre of the print head; lays out text labels",
            Type = SettingType.Choice,
            Default = DefaultDpmm,
            Units = "dpmm",
            Choices =
            [
                new SettingChoice("6", "6 dpmm (152 dpi)"),
                new SettingChoice("8", "8 dpmm (203 dpi)"),
                new SettingChoice("12", "12 dpmm (300 dpi)"),
                new SettingChoice("24", "24 dpmm (600 dpi)"),
            ],
        },
    ];

    /// <inheritdoc />
    public override string Slug => "zpl-label-printer";

    /// <inheritdoc />
    public override string Name => "ZPL Label Printer";

    /// <inheritdoc />
    public override string Description => "Sends ZPL to Zebra printers over raw TCP and reads their status with ~HQES and ~HS.";

    /// <inheritdoc />
    public override IReadOnlyList<SettingDefinition> Settings => DriverSettings;

    /// <summary>Reads the printer's status and shows it; never fails for a printer condition.</summary>
    public override async Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        await CheckAsync(machine, Connection(machine), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Checks the printer, then sends every copy of one label in one connection.</summary>
    public override async Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(labelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(labelIndex, job.Labels.Count);
        var label = job.Labels[labelIndex];
        var dpmm = int.Parse((string?)machine.GetSetting(DpmmSetting, SettingConfigType.Driver) ?? DefaultDpmm, CultureInfo.InvariantCulture);
        byte[]? payload;
        try
        {
            payload = ZplPayload.Build(label, job.Options.Copies, dpmm);
        }
        catch (ArgumentException ex)
        {
            throw new PrintFailedException($"Label {labelIndex} cannot be decoded as {label.ContentType}: {ex.Message}", ex) { LabelIndex = labelIndex };
        }

        if (payload is null)
        {
            throw new PrintFailedException(
                $"Label {labelIndex} has unsupported content type '{label.ContentType}'; the ZPL printer takes application/zpl or text/plain.")
            {
                LabelIndex = labelIndex,
            };
        }

        var connection = Connection(machine);
        var (status, text, paused) = await CheckAsync(machine, connection, cancellationToken).ConfigureAwait(false);
        if (!LabelPrinterStatuses.CanPrint(status))
        {
            throw new PrintFailedException($"The printer cannot print label {labelIndex}: {text}") { LabelIndex = labelIndex };
        }

        machine.SetStatus(LabelPrinterStatuses.Printing, $"Sending label {labelIndex + 1} of {job.Labels.Count} of job {job.Id}");
        try
        {
            await connection.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        }
        catch (ZebraException ex)
        {
            var lost = ex is ZebraTimeoutException ? LabelPrinterStatuses.Error : LabelPrinterStatuses.Disconnected;
            machine.SetStatus(lost, $"Lost the printer while sending label {labelIndex}: {ex.Message}");
            throw new PrintFailedException($"Lost the printer while sending label {labelIndex}; it may have printed: {ex.Message}", ex)
            {
                LabelIndex = labelIndex,
                MayHavePrinted = true,
            };
        }

        machine.SetStatus(status, paused ? $"{text}; sent labels wait in the printer until it is resumed" : text);
    }

    private static ZebraConnection Connection(IMachine machine)
    {
        var host = (string?)machine.GetSetting(HostSetting, SettingConfigType.Driver)
            ?? throw new InvalidOperationException($"{HostSetting} is not set.");
        var port = (int?)machine.GetSetting(PortSetting, SettingConfigType.Driver) ?? ZebraConnection.DefaultPort;
        var timeout = (double?)machine.GetSetting(TimeoutSetting, SettingConfigType.Driver) ?? DefaultTimeoutSeconds;
        return new ZebraConnection(host, port, TimeSpan.FromSeconds(timeout));
    }

    /// <summary>Queries ~HQES and ~HS and shows the result; failures to talk to the printer become a status.</summary>
    private static async Task<(MachineStatus Status, string Text, bool Paused)> CheckAsync(IMachine machine, ZebraConnection connection, CancellationToken cancellationToken)
    {
        (MachineStatus Status, string Text, bool Paused) shown;
        try
        {
            var status = await connection.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
            shown = (ZebraStatusMap.StatusFor(status), status.Text, status.Paused);
        }
        catch (ZebraTimeoutException ex)
        {
            shown = (LabelPrinterStatuses.Error, $"Status timeout: {ex.Message}", false);
        }
        catch (ZebraConnectionException ex)
        {
            shown = (LabelPrinterStatuses.Disconnected, $"Cannot reach the printer: {ex.Message}", false);
        }
        catch (ZplFormatException ex)
        {
            shown = (LabelPrinterStatuses.Error, $"Unreadable status answer: {ex.Message}", false);
        }

        machine.SetStatus(shown.Status, shown.Text);
        return shown;
    }
}
