namespace MachineActors.Registry;

/// <summary>Why a registry request failed; an HTTP layer maps it to a status code.</summary>
public enum RegistryErrorKind
{
    /// <summary>No machine, setting or function by that id or name (404).</summary>
    NotFound,

    /// <summary>The request is malformed or conflicts with the current state; nothing was changed (400).</summary>
    InvalidArgument,

    /// <summary>Driver code failed or timed out while handling the request (500 or 502).</summary>
    DriverFailure,

    /// <summary>The machine stopped or the registry reloaded before the request was handled; try again (503).</summary>
    Unavailable,

    /// <summary>The config store refused the change; nothing was changed (500).</summary>
    StoreFailure,
}
