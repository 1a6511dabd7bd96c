namespace MachineActors.Drivers.Ipp;

/// <summary>The IPP version number carried in the first two octets of every message.</summary>
public readonly record struct IppVersion(byte Major, byte Minor)
{
    /// <summary>IPP/1.1.</summary>
    public static IppVersion Ipp11 { get; } = new(1, 1);

    /// <summary>IPP/2.0, the version this project speaks.</summary>
    public static IppVersion Ipp20 { get; } = new(2, 0);

    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}";
}
