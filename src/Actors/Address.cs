namespace MachineActors.Actors;

/// <summary>Where an actor system lives: its name and, for cluster nodes, the host and port it is reached on.</summary>
public sealed record Address(string System, string? Host = null, int? Port = null)
{
    public const string Protocol = "ma";

    public bool HasLocalScope => Host is null;

    public override string ToString() =>
        Host is null ? $"{Protocol}://{System}" : $"{Protocol}://{System}@{Host}:{Port}";
}
