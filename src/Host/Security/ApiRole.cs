namespace MachineActors.Host.Security;

/// <summary>What a token may do; each role includes the ones below it.</summary>
public enum ApiRole
{
    /// <summary>Read machines, types, drivers, jobs, events and nodes.</summary>
    Viewer = 1,

    /// <summary>Also print, restart machines and run machine commands.</summary>
    Operator = 2,

    /// <summary>Also create, change and delete machines and settings, and manage tokens.</summary>
    Admin = 3,
}
