using System.Diagnostics;

namespace MachineActors.RecordingDriver;

/// <summary>
/// What <see cref="RecordingPrinterDriver"/> saw, across every node of the process: each activation of a machine
/// (from its InitMachine until the machine stops running there) and each label a node started to print.
/// </summary>
public static class ActivationRecorder
{
    private static readonly Lock s_lock = new();
    private static readonly List<Activation> s_activations = [];
    private static readonly List<PrintAttempt> s_prints = [];
    private static readonly List<Guid> s_hangs = [];

    public static Activation Start(string node, Guid machineId)
    {
        var activation = new Activation(node, machineId, Stopwatch.GetTimestamp());
        lock (s_lock)
        {
            s_activations.Add(activation);
        }
        return activation;
    }

    public static void Printing(string node, Guid machineId, Guid jobId, string content)
    {
        lock (s_lock)
        {
            s_prints.Add(new PrintAttempt(node, machineId, jobId, content));
        }
    }

    public static void Hanging(Guid machineId)
    {
        lock (s_lock)
        {
            s_hangs.Add(machineId);
        }
    }

    /// <summary>How many <c>hang</c> commands the machine started.</summary>
    public static int Hangs(Guid machineId)
    {
        lock (s_lock)
        {
            return s_hangs.Count(id => id == machineId);
        }
    }

    public static IReadOnlyList<Activation> Activations(Guid machineId)
    {
        lock (s_lock)
        {
            return [.. s_activations.Where(a => a.MachineId == machineId)];
        }
    }

    public static IReadOnlyList<PrintAttempt> Prints(Guid jobId)
    {
        lock (s_lock)
        {
            return [.. s_prints.Where(p => p.JobId == jobId)];
        }
    }

    /// <summary>The machine is running on <paramref name="node"/> now: an activation there has not ended.</summary>
    public static bool RunsOn(Guid machineId, string node) => Activations(machineId).Any(a => a.Node == node && a.IsRunning);

    /// <summary>
    /// Two activations of the machine on different nodes that overlapped (one still running counts as never ending),
    /// described; null when it never ran on two nodes at once.
    /// </summary>
    public static string? OverlapOf(Guid machineId)
    {
        var activations = Activations(machineId);
        foreach (var first in activations)
        {
            foreach (var second in activations.Where(a => a.Node != first.Node))
            {
                if (first.Started < (second.Ended ?? long.MaxValue) && second.Started < (first.Ended ?? long.MaxValue))
                {
                    return $"Machine {machineId} ran on {first.Node} and {second.Node} at once.";
                }
            }
        }
        return null;
    }

    public sealed class Activation(string node, Guid machineId, long started)
    {
        private long _ended;

        public string Node { get; } = node;

        public Guid MachineId { get; } = machineId;

        public long Started { get; } = started;

        public long? Ended => Interlocked.Read(ref _ended) is var ended and not 0 ? ended : null;

        public bool IsRunning => Ended is null;

        /// <summary>How long ago it ended; null while it runs.</summary>
        public TimeSpan? EndedAgo => Ended is { } ended ? Stopwatch.GetElapsedTime(ended) : null;

        public void End() => Interlocked.CompareExchange(ref _ended, Stopwatch.GetTimestamp(), 0);
    }

    public sealed record PrintAttempt(string Node, Guid MachineId, Guid JobId, string Content);
}
