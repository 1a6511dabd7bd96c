namespace MachineActors.Host;

/// <summary>Maps the node's friendly flags onto configuration keys before the host reads them.</summary>
public static class NodeCommandLine
{
    private static readonly Dictionary<string, string> s_valueOptions = new(StringComparer.Ordinal)
    {
        ["--data-dir"] = "Node:DataDir",
        ["--admin-token"] = "Node:AdminToken",
        ["--storage"] = "Node:Storage",
        ["--postgres"] = "Node:PostgresConnectionString",
        ["--config"] = "Node:ConfigFile",
    };

    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["--no-demo"] = "Node:NoDemo",
    };

    /// <summary>Rewrites "--no-demo" to "--Node:NoDemo=true" and "--data-dir x" to "--Node:DataDir=x"; leaves the rest alone.</summary>
    public static string[] Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            if (s_flags.TryGetValue(name, out var flagKey))
            {
                result.Add($"--{flagKey}={inlineValue ?? "true"}");
            }
            else if (s_valueOptions.TryGetValue(name, out var key))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
                result.Add($"--{key}={value}");
            }
            else
            {
                result.Add(args[i]);
            }
        }
        return [.. result];
    }

    /// <summary>MACHINEACTORS_ADMIN_TOKEN is documented without the section prefix; map it to Node:AdminToken.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> EnvironmentAliases()
    {
        if (Environment.GetEnvironmentVariable("MACHINEACTORS_ADMIN_TOKEN") is { Length: > 0 } token)
        {
            yield return new("Node:AdminToken", token);
        }
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }
}
