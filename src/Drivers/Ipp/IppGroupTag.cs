namespace MachineActors.Drivers.Ipp;

/// <summary>Delimiter tags that begin an attribute group (RFC 8010 section 3.5.1).</summary>
public enum IppGroupTag : byte
{
    /// <summary>operation-attributes-tag.</summary>
    Operation = 0x01,

    /// <summary>job-attributes-tag.</summary>
    Job = 0x02,

    /// <summary>printer-attributes-tag.</summary>
    Printer = 0x04,

    /// <summary>unsupported-attributes-tag.</summary>
    Unsupported = 0x05,

    /// <summary>subscription-attributes-tag (RFC 3995).</summary>
    Subscription = 0x06,

    /// <summary>event-notification-attributes-tag (RFC 3995).</summary>
    EventNotification = 0x07,

    /// <summary>resource-attributes-tag (PWG 5100.22).</summary>
    Resource = 0x08,

    /// <summary>document-attributes-tag (PWG 5100.5).</summary>
    Document = 0x09,

    /// <summary>system-attributes-tag (PWG 5100.22).</summary>
    System = 0x0A,
}
