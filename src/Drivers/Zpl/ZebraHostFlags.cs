namespace MachineActors.Drivers.Zpl;

/// <summary>Conditions only a ~HS response reports (string 1 flags).</summary>
[Flags]
public enum ZebraHostFlags
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Receive buffer full.</summary>
    BufferFull = 0x1,

    /// <summary>A partial format is in progress.</summary>
    PartialFormat = 0x2,

    /// <summary>Corrupt RAM: configuration data lost.</summary>
    CorruptRam = 0x4,

    /// <summary>Printhead under temperature.</summary>
    UnderTemperature = 0x8,

    /// <summary>Printhead over temperature.</summary>
    OverTemperature = 0x10,
}
