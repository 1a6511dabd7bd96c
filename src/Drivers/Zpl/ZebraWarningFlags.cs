namespace MachineActors.Drivers.Zpl;

/// <summary>Warning flags of a ~HQES response (Zebra ZPL manual, ~HQ "Warning Flags" table); sensors are KR403 only.</summary>
[Flags]
public enum ZebraWarningFlags : ulong
{
    /// <summary>No warning.</summary>
    None = 0,

    /// <summary>Need to calibrate media.</summary>
    NeedToCalibrateMedia = 0x1,

    /// <summary>Clean printhead.</summary>
    CleanPrinthead = 0x2,

    /// <summary>Replace printhead.</summary>
    ReplacePrinthead = 0x4,

    /// <summary>Paper-near-end sensor.</summary>
    PaperNearEnd = 0x8,

    /// <summary>Sensor 1 (paper before head).</summary>
    Sensor1PaperBeforeHead = 0x10,

    /// <summary>Sensor 2 (black mark).</summary>
    Sensor2BlackMark = 0x20,

    /// <summary>Sensor 3 (paper after head).</summary>
    Sensor3PaperAfterHead = 0x40,

    /// <summary>Sensor 4 (loop ready).</summary>
    Sensor4LoopReady = 0x80,

    /// <summary>Sensor 5 (presenter).</summary>
    Sensor5Presenter = 0x100,

    /// <summary>Sensor 6 (retract ready).</summary>
    Sensor6RetractReady = 0x200,

    /// <summary>Sensor 7 (in retract).</summary>
    Sensor7InRetract = 0x400,

    /// <summary>Sensor 8 (at bin).</summary>
    Sensor8AtBin = 0x800,
}
