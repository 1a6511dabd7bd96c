using System.Globalization;
using MachineActors.Machines;

namespace MachineActors.Machines.Printing;

/// <summary>The printing options every label printer driver has.</summary>
public static class BuiltInPrintOptions
{
    /// <summary>The most copies of one label a request may ask for; guards against a typo printing a whole roll.</summary>
    public const int MaxCopies = 1000;

    /// <summary><c>copies</c>: how many copies of each label, 1 to <see cref="MaxCopies"/>, default 1.</summary>
    public static readonly PrintOptionDefinition Copies = new()
    {
        Key = "copies",
        Name = "Copies",
        Description = "Number of copies to print for each label",
        Type = SettingType.Int,
        Default = 1,
        Validator = value => value is int copies and >= 1 and <= MaxCopies
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxCopies} (got {value})"),
    };
}
