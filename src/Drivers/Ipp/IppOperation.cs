using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Ipp;

/// <summary>Operation ids (RFC 8011 section 5.4.15 and the IANA IPP registry).</summary>
public enum IppOperation : ushort
{
    /// <summary>Print-Job.</summary>
    PrintJob = 0x0002,

    /// <summary>Print-URI.</summary>
    PrintUri = 0x0003,

    /// <summary>Validate-Job.</summary>
    ValidateJob = 0x0004,

    /// <summary>Create-Job.</summary>
    CreateJob = 0x0005,

    /// <summary>Send-Document.</summary>
    SendDocument = 0x0006,

    /// <summary>Send-URI.</summary>
    SendUri = 0x0007,

    /// <summary>Cancel-Job.</summary>
    CancelJob = 0x0008,

    /// <summary>Get-Job-Attributes.</summary>
    GetJobAttributes = 0x0009,

    /// <summary>Get-Jobs.</summary>
    GetJobs = 0x000A,

    /// <summary>Get-Printer-Attributes.</summary>
    GetPrinterAttributes = 0x000B,

    /// <summary>Hold-Job.</summary>
    HoldJob = 0x000C,

    /// <summary>Release-Job.</summary>
    ReleaseJob = 0x000D,

    /// <summary>Restart-Job.</summary>
    RestartJob = 0x000E,

    /// <summary>Pause-Printer.</summary>
    PausePrinter = 0x0010,

    /// <summary>Resume-Printer.</summary>
    ResumePrinter = 0x0011,

    /// <summary>Purge-Jobs.</summary>
    PurgeJobs = 0x0012,

    /// <summary>Identify-Printer (PWG 5100.13).</summary>
    IdentifyPrinter = 0x003C,
}
