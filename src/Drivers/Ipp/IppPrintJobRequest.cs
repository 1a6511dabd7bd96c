using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Ipp;

/// <summary>A document to print with Print-Job.</summary>
public sealed record IppPrintJobRequest
{
    /// <summary>The document bytes, sent after the attributes.</summary>
    public required ReadOnlyMemory<byte> Document { get; init; }

    /// <summary>document-format, e.g. application/pdf or text/plain.</summary>
    public required string DocumentFormat { get; init; }

    /// <summary>job-name.</summary>
    public required string JobName { get; init; }

    /// <summary>copies; only sent when not 1, because many label printers do not support it.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>media keyword (e.g. oe_4x6-label_4x6in), sent as a job attribute when given.</summary>
    public string? Media { get; init; }

    /// <summary>Further job template attributes, appended to the job group.</summary>
    public IReadOnlyList<IppAttribute> ExtraJobAttributes { get; init; } = [];
}
