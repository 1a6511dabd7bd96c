namespace MachineActors.Drivers.Ipp;

/// <summary>Units octet of a resolution value.</summary>
public enum IppResolutionUnits : byte
{
    /// <summary>Dots per inch.</summary>
    DotsPerInch = 3,

    /// <summary>Dots per centimetre.</summary>
    DotsPerCentimeter = 4,
}
