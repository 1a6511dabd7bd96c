namespace MachineActors.Actors.Dispatch;

/// <summary>Actor names follow Akka's rules: URI path characters, not empty, not starting with '$'.</summary>
internal static class ActorNames
{
    private const string AllowedPunctuation = "-_.*$+:@&=,!~';";

    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidActorNameException("Actor name must not be empty.");
        }
        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor name [{name}] must not start with '$' (reserved for generated names).");
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || AllowedPunctuation.Contains(c)))
            {
                throw new InvalidActorNameException($"Actor name [{name}] contains an invalid character '{c}'.");
            }
        }
    }
}
