namespace MachineActors.Drivers.Ipp;

/// <summary>What the printer reports about one job.</summary>
public sealed record IppJobInfo(
    int JobId,
    string? JobUri,
    IppJobState? State,
    IReadOnlyList<string> StateReasons,
    string? StateMessage)
{
    /// <summary>True once the job can no longer change: completed, canceled or aborted.</summary>
    public bool IsTerminal => State is IppJobState.Completed or IppJobState.Canceled or IppJobState.Aborted;

    /// <summary>Reads job-id, job-uri, job-state, job-state-reasons and job-state-message from a job group.</summary>
    public static IppJobInfo FromGroup(IppAttributeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var jobId = group.Find("job-id")?.AsInteger()
            ?? throw new IppFormatException("The job attributes have no integer job-id.");
        var state = group.Find("job-state")?.AsInteger();
        return new IppJobInfo(
            jobId,
            group.Find("job-uri")?.AsString(),
            state is null ? null : (IppJobState)state.Value,
            group.Find("job-state-reasons")?.AsStrings() ?? [],
            group.Find("job-state-message")?.AsString());
    }
}
