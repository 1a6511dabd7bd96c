namespace MachineActors.Machines;

/// <summary>Classifies status codes into <see cref="StatusRange"/>s.</summary>
public static class StatusRanges
{
    /// <summary>The lowest valid status code.</summary>
    public const int MinCode = 100;

    /// <summary>The highest valid status code.</summary>
    public const int MaxCode = 599;

    /// <summary>Whether <paramref name="code"/> lies in 100-599.</summary>
    public static bool IsValidCode(int code) => code is >= MinCode and <= MaxCode;

    /// <summary>
    /// The range of <paramref name="code"/>. Codes outside 100-599 are rejected by
    /// <see cref="MachineStatusSet.Validate"/> and classify as <see cref="StatusRange.Unknown"/>.
    /// </summary>
    public static StatusRange Classify(int code) => code switch
    {
        < MinCode or > MaxCode => StatusRange.Unknown,
        < 200 => StatusRange.Fine,
        < 300 => StatusRange.Warning,
        < 400 => StatusRange.MachineProblem,
        < 500 => StatusRange.DriverProblem,
        _ => StatusRange.Unknown,
    };
}
