namespace MachineActors.Machines;

/// <summary>The outcome of parsing a setting or command argument: a typed value (null when empty) or an error message.</summary>
public sealed record SettingParseResult
{
    private SettingParseResult(object? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The parsed value: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> or <see cref="double"/>; null for an empty input or a failure.</summary>
    public object? Value { get; }

    /// <summary>Why the input was rejected; null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether parsing succeeded.</summary>
    public bool IsValid => Error is null;

    /// <summary>A successful result.</summary>
    public static SettingParseResult Success(object? value) => new(value, null);

    /// <summary>A failed result with a message for the user.</summary>
    public static SettingParseResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, error);
    }
}
