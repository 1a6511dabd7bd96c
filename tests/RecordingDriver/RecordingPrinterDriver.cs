using System.Text;
using MachineActors.Drivers.LabelPrinter;
using MachineActors.Machines;
using MachineActors.Machines.Printing;

namespace MachineActors.RecordingDriver;

/// <summary>
/// A label printer that tells <see cref="ActivationRecorder"/> on which node it runs: InitMachine starts an
/// activation, the machine's <see cref="IMachine.Stopping"/> ends it, and every label is recorded before it
/// "prints". A label whose content is <see cref="Hang"/> never finishes (until its call is cancelled); the command
/// <c>hang</c> does the same, and <c>note</c> sets a property. With <see cref="FailInitSetting"/> InitMachine fails.
/// </summary>
public sealed class RecordingPrinterDriver : LabelPrinterDriver
{
    public const string DriverSlug = "recording-label-printer";

    public const string TagSetting = "TAG";

    /// <summary>When true, InitMachine fails after <see cref="FailInitAfter"/>.</summary>
    public const string FailInitSetting = "FAIL_INIT";

    public static readonly TimeSpan FailInitAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>Label content that prints until the call is cancelled.</summary>
    public const string Hang = "hang";

    public override string Slug => DriverSlug;

    public override string Name => "Recording label printer";

    public override string Description => "Records where it runs and what it prints";

    public override IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new SettingDefinition { Key = TagSetting, Name = "Tag", Description = "Any text", Default = "" },
        new SettingDefinition { Key = FailInitSetting, Name = "Fail init", Description = "Makes InitMachine fail", Type = SettingType.Bool, Default = false },
    ];

    private string Node => NodeClock.NodeOf(TimeProvider);

    public override async Task InitMachine(IMachine machine, CancellationToken cancellationToken)
    {
        if (machine.GetSetting(FailInitSetting, SettingConfigType.Driver) is true)
        {
            // Slowly, as a printer that does not answer: whatever else reaches the machine meanwhile waits for it.
            await Task.Delay(FailInitAfter, TimeProvider, cancellationToken);
            throw new InvalidOperationException("The recording printer was told to fail.");
        }
        var activation = ActivationRecorder.Start(Node, machine.Id);
        machine.Stopping.Register(activation.End);
        machine.SetStatus(LabelPrinterStatuses.Connected);
    }

    public override async Task PrintLabel(IMachine machine, PrintJob job, int labelIndex, CancellationToken cancellationToken)
    {
        var content = Encoding.UTF8.GetString(job.Labels[labelIndex].Content.Span);
        ActivationRecorder.Printing(Node, machine.Id, job.Id, content);
        if (content == Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken);
        }
    }

    [MachineCommand("hang", Description = "Runs until its call is cancelled")]
    public Task HangCommand(IMachine machine, CancellationToken cancellationToken)
    {
        ActivationRecorder.Hanging(machine.Id);
        return Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider, cancellationToken);
    }

    [MachineCommand("note", Description = "Sets the property 'note'")]
    public Task Note(IMachine machine, string text)
    {
        machine.SetProperty("note", text);
        return Task.CompletedTask;
    }
}
