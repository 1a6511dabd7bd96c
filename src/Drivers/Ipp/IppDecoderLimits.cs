namespace MachineActors.Drivers.Ipp;

/// <summary>Bounds the work and memory one decoded message may take.</summary>
public sealed record IppDecoderLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static IppDecoderLimits Default { get; } = new();

    /// <summary>Attribute groups per message; a Get-Jobs response has one per job.</summary>
    public int MaxGroups { get; init; } = 10_000;

    /// <summary>Attributes per message, collection members included.</summary>
    public int MaxAttributes { get; init; } = 50_000;

    /// <summary>Values per message, collection members included.</summary>
    public int MaxValues { get; init; } = 200_000;

    /// <summary>Collections nested inside collections; real printers use three or four levels.</summary>
    public int MaxCollectionDepth { get; init; } = 16;
}
