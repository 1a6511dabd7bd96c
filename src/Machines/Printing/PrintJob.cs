namespace MachineActors.Machines.Printing;

/// <summary>
/// What a driver prints: the job's id (the registry's, stable across retries and restarts), its labels in order, and
/// its parsed options. Labels are addressed by their zero-based index.
/// </summary>
public sealed record PrintJob
{
    /// <summary>Creates a job of at least one label; <paramref name="options"/> defaults to <see cref="PrintOptions.Default"/>.</summary>
    public PrintJob(Guid id, IReadOnlyList<Label> labels, PrintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (id == Guid.Empty)
        {
            throw new ArgumentException("A print job needs an id.", nameof(id));
        }

        if (labels.Count == 0)
        {
            throw new ArgumentException("A print job needs at least one label.", nameof(labels));
        }

        if (labels.Any(label => label is null))
        {
            throw new ArgumentException("A print job cannot hold a null label.", nameof(labels));
        }

        Id = id;
        Labels = labels.ToArray();
        Options = options ?? PrintOptions.Default;
    }

    /// <summary>The job's id.</summary>
    public Guid Id { get; }

    /// <summary>The labels, in printing order.</summary>
    public IReadOnlyList<Label> Labels { get; }

    /// <summary>The parsed printing options.</summary>
    public PrintOptions Options { get; }
}
