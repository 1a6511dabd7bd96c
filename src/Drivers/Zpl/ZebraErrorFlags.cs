namespace MachineActors.Drivers.Zpl;

/// <summary>
/// Error flags of a ~HQES response (Zebra ZPL manual, ~HQ "Error Flags" table). The low 32 bits
/// are group 1, the high 32 bits group 2; flags marked KR403 exist only on kiosk printers.
/// </summary>
[Flags]
public enum ZebraErrorFlags : ulong
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Media out.</summary>
    MediaOut = 0x1,

    /// <summary>Ribbon out.</summary>
    RibbonOut = 0x2,

    /// <summary>Head open.</summary>
    HeadOpen = 0x4,

    /// <summary>Cutter fault.</summary>
    CutterFault = 0x8,

    /// <summary>Printhead over temperature.</summary>
    PrintheadOverTemperature = 0x10,

    /// <summary>Motor over temperature.</summary>
    MotorOverTemperature = 0x20,

    /// <summary>Bad printhead element.</summary>
    BadPrintheadElement = 0x40,

    /// <summary>Printhead detection error.</summary>
    PrintheadDetectionError = 0x80,

    /// <summary>Invalid firmware configuration.</summary>
    InvalidFirmwareConfiguration = 0x100,

    /// <summary>Printhead thermistor open.</summary>
    PrintheadThermistorOpen = 0x200,

    /// <summary>Paper jam during retract (KR403).</summary>
    PaperJamDuringRetract = 0x1000,

    /// <summary>Presenter not running (KR403).</summary>
    PresenterNotRunning = 0x2000,

    /// <summary>Paper feed error (KR403).</summary>
    PaperFeedError = 0x4000,

    /// <summary>Clear paper path failed (KR403).</summary>
    ClearPaperPathFailed = 0x8000,

    /// <summary>Paused (KR403; other printers report pause only through ~HS).</summary>
    Paused = 0x10000,

    /// <summary>Retract function timed out (KR403).</summary>
    RetractFunctionTimedOut = 0x20000,

    /// <summary>Black mark calibrate error (KR403).</summary>
    BlackMarkCalibrateError = 0x40000,

    /// <summary>Black mark not found (KR403).</summary>
    BlackMarkNotFound = 0x80000,
}
