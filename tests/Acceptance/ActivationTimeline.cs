using System.Globalization;
using System.Text.RegularExpressions;

namespace MachineActors.Acceptance;

/// <summary>
/// Every activation of every machine across the cluster's node processes, read from their placement log lines
/// (UTC-stamped, one clock): a machine starts running on a node at "runs machine", and stops at "lost the lease",
/// "handed ... back", "handed over", or when the test killed that node. <see cref="Overlaps"/> names every machine
/// that ran on two nodes at once.
/// </summary>
public static partial class ActivationTimeline
{
    /// <param name="logs">Each node process's output (a restarted node's outputs each count as their own).</param>
    /// <param name="kills">When the test killed a process, by the index of its output in <paramref name="logs"/>.</param>
    public static IReadOnlyList<string> Overlaps(IReadOnlyList<string> logs, IReadOnlyDictionary<int, DateTime> kills)
    {
        var activations = new List<(string Machine, string Node, DateTime Start, DateTime End)>();
        for (var i = 0; i < logs.Count; i++)
        {
            var open = new Dictionary<string, (string Node, DateTime Start)>(StringComparer.Ordinal);
            foreach (Match line in Entry().Matches(logs[i]))
            {
                var at = DateTime.Parse(line.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                var (node, machine, what) = (line.Groups["node"].Value, line.Groups["machine"].Value, line.Groups["what"].Value);
                if (what == "runs")
                {
                    open[machine] = (node, at);
                }
                else if (machine.Length > 0 && open.Remove(machine, out var started))
                {
                    activations.Add((machine, started.Node, started.Start, at));
                }
                else if (machine.Length == 0)
                {
                    // "handed over N machine(s)": everything still open on this node ended.
                    activations.AddRange(open.Select(o => (o.Key, o.Value.Node, o.Value.Start, at)));
                    open.Clear();
                }
            }
            var end = kills.TryGetValue(i, out var killed) ? killed : DateTime.MaxValue;
            activations.AddRange(open.Select(o => (o.Key, o.Value.Node, o.Value.Start, end)));
        }
        return [.. activations
            .GroupBy(a => a.Machine)
            .SelectMany(machine => machine.SelectMany(a => machine
                .Where(b => b.Node != a.Node && b.Start > a.Start && b.Start < a.End)
                .Select(b => $"{a.Machine}: on {a.Node} from {a.Start:O} to {a.End:O}, and on {b.Node} from {b.Start:O}")))];
    }

    /// <summary>The number of activations found, to make sure the check had something to check.</summary>
    public static int Count(IEnumerable<string> logs) => logs.Sum(log => Entry().Matches(log).Count(m => m.Groups["what"].Value == "runs"));

    [GeneratedRegex(@"^(?:<\d>)?(?<at>\d\S+Z) .*?Node '(?<node>[^']+)' (?<what>runs|lost the lease of|handed|handed over)(?: machine (?<machine>[0-9a-f-]{36}))?", RegexOptions.Multiline)]
    private static partial Regex Entry();
}
