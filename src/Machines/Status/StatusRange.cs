namespace MachineActors.Machines;

/// <summary>What a status code says about a machine, by its hundreds digit (InvenTree's convention).</summary>
public enum StatusRange
{
    /// <summary>1xx: the machine works.</summary>
    Fine = 1,

    /// <summary>2xx: the machine works but needs attention.</summary>
    Warning = 2,

    /// <summary>3xx: the machine itself has a problem (no media, paper jam).</summary>
    MachineProblem = 3,

    /// <summary>4xx: the driver has a problem (cannot connect, disconnected).</summary>
    DriverProblem = 4,

    /// <summary>5xx: the state is unknown or an unexpected error occurred.</summary>
    Unknown = 5,
}
