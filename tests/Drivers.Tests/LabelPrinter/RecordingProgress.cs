using MachineActors.Drivers.LabelPrinter;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

/// <summary>An <see cref="IPrintProgress"/> that records every report, in order.</summary>
public sealed class RecordingProgress : IPrintProgress
{
    private readonly List<string> _events = [];

    /// <summary>"label 0", "50%", ... in the order they were reported.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    public void LabelPrinted(int labelIndex) => Add($"label {labelIndex}");

    public void Report(int percent) => Add($"{percent}%");

    private void Add(string text)
    {
        lock (_events)
        {
            _events.Add(text);
        }
    }
}
