using MachineActors.Machines;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.LabelPrinter;

/// <summary>The built-in <c>label-printer</c> machine type (InvenTree's <c>LabelPrinterMachine</c>).</summary>
public sealed class LabelPrinterMachineType : MachineType
{
    /// <summary>The slug every label printer driver names as its machine type.</summary>
    public const string TypeSlug = "label-printer";

    /// <summary>Key of the machine setting that scopes the printer to a location.</summary>
    public const string LocationSetting = "LOCATION";

    private static readonly IReadOnlyList<SettingDefinition> MachineSettings =
    [
        new SettingDefinition
        {
            Key = LocationSetting,
            Name = "Printer Location",
            Description = "Scope the printer to a specific location",
        },
    ];

    /// <inheritdoc />
    public override string Slug => TypeSlug;

    /// <inheritdoc />
    public override string Name => "Label Printer";

    /// <inheritdoc />
    public override string Description => "Directly print labels for various items.";

    /// <inheritdoc />
    public override Type BaseDriver => typeof(LabelPrinterDriver);

    /// <inheritdoc />
    public override IReadOnlyList<SettingDefinition> Settings => MachineSettings;

    /// <inheritdoc />
    public override MachineStatusSet Statuses => LabelPrinterStatuses.Set;

    /// <inheritdoc />
    public override MachineStatus DefaultStatus => LabelPrinterStatuses.Unknown;

    /// <inheritdoc />
    public override MachineStatus ErrorStatus => LabelPrinterStatuses.Error;
}
