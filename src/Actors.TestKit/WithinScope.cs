using System.Diagnostics;

namespace MachineActors.Actors.TestKit;

/// <summary>The deadline of the innermost Within block, which caps every expectation inside it.</summary>
internal static class WithinScope
{
    private static readonly AsyncLocal<long?> s_deadline = new();

    public static long? Deadline
    {
        get => s_deadline.Value;
        set => s_deadline.Value = value;
    }

    /// <summary>The given timeout, or the default, never beyond the enclosing Within deadline.</summary>
    public static TimeSpan Remaining(TimeSpan? requested, TimeSpan fallback)
    {
        var wanted = requested ?? fallback;
        if (Deadline is not { } deadline)
        {
            return wanted;
        }
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        if (left < TimeSpan.Zero)
        {
            left = TimeSpan.Zero;
        }
        return requested is null ? left : (wanted < left ? wanted : left);
    }
}
