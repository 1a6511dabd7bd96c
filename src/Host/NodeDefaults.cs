namespace MachineActors.Host;

public static class NodeDefaults
{
    /// <summary>Where a node listens unless --urls says otherwise: loopback only, so nothing is exposed by default.</summary>
    public const string Url = "http://127.0.0.1:5080";

    public const string ActorSystemName = "machineactors";
}
