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

    /// <summary>
    /// In a cluster: this node does not run the machine at the moment (it holds no lease for it, or the machine is still
    /// starting or already stopping here). Not a verdict on whether the machine exists; a front-end that sent the
    /// request by a lease it read answers 503 (try again), since the machine is moving (503).
    /// </summary>
    NotHeld,
}
