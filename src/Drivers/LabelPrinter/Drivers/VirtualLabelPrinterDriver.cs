using System.Globalization;
using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// <c>virtual-label-printer</c>: a printer without hardware, for demos and tests. Each copy of each label becomes one file
/// in the spool folder, named <c>&lt;job id&gt;_label&lt;index&gt;_copy&lt;number&gt;&lt;extension&gt;</c> (label index from 0,
/// zero-padded to 4 digits; copy number from 1, padded to 4; extension from the content type, e.g.
/// <c>_label0000_copy0001.txt</c>). Files are written to a temp name and renamed, so a file under its final name is always
/// a whole label. Settings can add a delay per printed copy and simulate media out or a paper jam. Settings are read at
/// every call, so a change takes effect at once.
/// </summary>
public sealed class VirtualLabelPrinterDriver : LabelPrinterDriver
{
    /// <summary>The folder labels are written to.</summary>
    public const string SpoolDirSetting = "SPOOL_DIR";

    /// <summary>Milliseconds each printed copy takes.</summary>
    public const string DelaySetting = "DELAY_MS";

    /// <summary>The simulated fault: <c>none</c>, <c>media-out</c> or <c>paper-jam</c>.</summary>
    public const string SimulateSetting = "SIMULATE";

    /// <summary>No simulated fault.</summary>
    public const string SimulateNone = "none";

    /// <summary>Simulates an empty label roll.</summary>
    public const string SimulateMediaOut = "media-out";

    /// <summary>Simulates jammed labels.</summary>
    public const string SimulatePaperJam = "paper-jam";

    private const int MaxDelayMs = 600_000;

    private static readonly IReadOnlyList<SettingDefinition> DriverSettings =
    [
        new SettingDefinition
        {
            Key = SpoolDirSetting,
            Name = "Spool folder",
            Description = "Folder each printed label is written to; a relative path resolves against the current directory",
            Default = "spool",
        },
        new SettingDefinition
        {
            Key = DelaySetting,
            Name = "Print delay",
            Description = "How long printing each copy of a label takes",
            Type = SettingType.Int,
            Default = 0,
            Units = "ms",
            Validator = value => value is int delay and >= 0 and <= MaxDelayMs
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {MaxDelayMs} ms"),
        },
        new SettingDefinition
        {
            Key = SimulateSetting,
            Name = "Simulated fault",
            Description = "Makes the printer report a fault and fail every job",
            Type = SettingType.Choice,
            Default = SimulateNone,
            Choices =
            [
                new SettingChoice(SimulateNone, "None"),
                new SettingChoice(SimulateMediaOut, "Out of media"),
                new SettingChoice(SimulatePaperJam, "Paper jam"),
            ],
        },
    ];

    /// <inheritdoc />
    public override string Slug => "virtual-label-printer";

    /// <inheritdoc />
    public override string Name => "Virtual Label Printer";

    /// <inheritdoc />
    public override string Description => "Writes each label to a spool folder instead of a printer; for demos and tests.";

    /// <inheritdoc />
    public override IReadOnlyList<SettingDefinition> Settings => DriverSettings;

    /// <summary>The file a copy of a label is written to, relative to the spool folder.</summary>
    public static string SpoolFileName(Guid jobId, int labelIndex, int copy, string mediaType) =>
        string.Create(CultureInfo.InvariantCulture, $"{jobId:D}_label{labelIndex:D4}_copy{copy:D4}{LabelContentTypes.ExtensionOf(mediaType)}");

    /// <summary>Creates the spool folder and shows CONNECTED, or the simulated fault.</summary>
    public override Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var folder = SpoolFolder(machine);
        Directory.CreateDirectory(folder);
        ShowReady(machine, folder);
        return Task.CompletedTask;
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

    /// <summary>Shows PRINTING while the labels are written, then CONNECTED; a failure leaves the status that explains it.</summary>
    public override async Task PrintLabels(IMachine machine, PrintJob job, IPrintProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(job);
        machine.SetStatus(LabelPrinterStatuses.Printing, $"Printing job {job.Id}");
        await base.PrintLabels(machine, job, progress, cancellationToken).ConfigureAwait(false);
        ShowReady(machine, SpoolFolder(machine));
    }

    /// <summary>Writes every copy of one label; fails with NO_MEDIA or PAPER_JAM when one is simulated.</summary>
    public override async Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(labelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(labelIndex, job.Labels.Count);
        if (SimulatedFault(machine) is { } fault)
        {
            machine.SetStatus(fault.Status, fault.Text);
            throw new PrintFailedException($"The virtual printer {fault.Problem}; label {labelIndex} was not printed.")
            {
                LabelIndex = labelIndex,
            };
        }

        var folder = SpoolFolder(machine);
        var delay = TimeSpan.FromMilliseconds((int)(machine.GetSetting(DelaySetting, SettingConfigType.Driver) ?? 0));
        var label = job.Labels[labelIndex];
        var copy = 1;
        try
        {
            Directory.CreateDirectory(folder);
            for (; copy <= job.Options.Copies; copy++)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
                }

                var fileName = SpoolFileName(job.Id, labelIndex, copy, label.MediaType);
                await SpoolFiles.WriteAtomicallyAsync(folder, fileName, label.Content, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            machine.SetStatus(LabelPrinterStatuses.Error, $"Cannot write to {folder}: {ex.Message}");
            var fileName = SpoolFileName(job.Id, labelIndex, copy, label.MediaType);
            throw new PrintFailedException($"The virtual printer could not write {fileName} to {folder}: {ex.Message}", ex)
            {
                LabelIndex = labelIndex,
            };
        }
    }

    private static void ShowReady(IMachine machine, string folder)
    {
        if (SimulatedFault(machine) is { } fault)
        {
            machine.SetStatus(fault.Status, fault.Text);
        }
        else
        {
            machine.SetStatus(LabelPrinterStatuses.Connected, $"Spooling to {folder}");
        }
    }

    /// <summary>The status, status text and failure wording of the simulated fault; null when none is set.</summary>
    private static (MachineStatus Status, string Text, string Problem)? SimulatedFault(IMachine machine) =>
        (string?)machine.GetSetting(SimulateSetting, SettingConfigType.Driver) switch
        {
            SimulateMediaOut => (LabelPrinterStatuses.NoMedia, "Out of media (simulated)", "is out of media (simulated)"),
            SimulatePaperJam => (LabelPrinterStatuses.PaperJam, "Paper jam (simulated)", "has a paper jam (simulated)"),
            _ => null,
        };

    private static string SpoolFolder(IMachine machine) =>
        Path.GetFullPath((string?)machine.GetSetting(SpoolDirSetting, SettingConfigType.Driver) ?? "spool");
}
