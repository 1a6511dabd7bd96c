namespace MachineActors.Reliability.Load;

/// <summary>
/// Checks the outcome of a load run against what the clients were told: every accepted key names its own job, that
/// job is listed exactly once (on its machine), no other job exists for the key, each completed job's label was put in
/// place exactly once with the key as its text, and a job was interrupted only when a node was killed while it printed.
/// </summary>
public sealed class LoadLedger
{
    private readonly List<string> _lost = [];
    private readonly List<string> _duplicated = [];
    private readonly List<string> _printedTwice = [];
    private readonly List<string> _wrongPrints = [];
    private readonly List<string> _badInterruptions = [];

    /// <param name="submissions">Every accepted job, as its client was told.</param>
    /// <param name="listed">Every job in every machine's job list, once all were final.</param>
    /// <param name="files">Every file left in the spool folders.</param>
    /// <param name="printed">How many times each final label file (full path) was put in place.</param>
    /// <param name="kills">When a node was killed (UTC).</param>
    public LoadLedger(
        IReadOnlyList<JobSubmission> submissions,
        IReadOnlyList<ListedJob> listed,
        IReadOnlyList<SpoolFile> files,
        IReadOnlyDictionary<string, int> printed,
        IReadOnlyList<DateTime> kills)
    {
        var byKey = submissions.ToDictionary(s => s.Key, StringComparer.Ordinal);
        foreach (var twice in submissions.GroupBy(s => s.JobId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _duplicated.Add($"job {twice.Key} was given to keys {string.Join(", ", twice.Select(s => s.Key))}");
        }

        var listedById = listed.GroupBy(j => j.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var submission in submissions)
        {
            if (!listedById.TryGetValue(submission.JobId, out var rows) || !rows.Any(r => r.Machine == submission.Machine))
            {
                _lost.Add($"{submission.Key}: job {submission.JobId} on machine {submission.Machine} is not listed");
            }
        }
        foreach (var (id, rows) in listedById)
        {
            if (rows.Count > 1)
            {
                _duplicated.Add($"job {id} is listed {rows.Count} times (machines {string.Join(", ", rows.Select(r => r.Machine))})");
            }
            var row = rows[0];
            if (row.Key is null || !byKey.TryGetValue(row.Key, out var owner))
            {
                _duplicated.Add($"job {id} on {row.Machine} has a key no client asked for: '{row.Key}'");
            }
            else if (owner.JobId != id)
            {
                _duplicated.Add($"job {id} on {row.Machine} is a second job for {row.Key} (accepted as {owner.JobId})");
            }
        }

        foreach (var (path, count) in printed.Where(p => p.Value > 1))
        {
            _printedTwice.Add($"{Path.GetFileName(path)} was put in place {count} times");
        }
        foreach (var text in files.Where(f => f.JobId is not null).GroupBy(f => f.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _printedTwice.Add($"the label '{text.Key}' is in {text.Count()} files: {string.Join(", ", text.Select(f => f.Name))}");
        }

        var filesByJob = files.Where(f => f.JobId is not null).GroupBy(f => f.JobId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var stray in files.Where(f => f.JobId is null))
        {
            // A kill between the driver's write and its rename leaves a temp file: only a job printing then, now interrupted.
            if (stray.UnfinishedJobId is { } unfinished && listedById.TryGetValue(unfinished, out var rows) && rows[0].State == "interrupted")
            {
                UnfinishedWrites++;
                continue;
            }
            _wrongPrints.Add($"{stray.Folder}/{stray.Name} is not a label file of an interrupted job");
        }
        foreach (var orphan in filesByJob.Keys.Where(id => !listedById.ContainsKey(id)))
        {
            _wrongPrints.Add($"job {orphan} printed {string.Join(", ", filesByJob[orphan].Select(f => f.Name))} but is not listed");
        }
        foreach (var job in listedById.Values.Select(rows => rows[0]))
        {
            var labels = filesByJob.GetValueOrDefault(job.Id) ?? [];
            switch (job.State)
            {
                case "completed":
                    Completed++;
                    if (labels.Count != 1 || labels[0].Text != job.Key)
                    {
                        _wrongPrints.Add($"completed job {job.Id} ({job.Key}) left {labels.Count} label files"
                            + (labels.Count == 1 ? $" with the text '{labels[0].Text}'" : ""));
                    }
                    else if (printed.GetValueOrDefault(Path.Combine(labels[0].Folder, labels[0].Name)) == 0)
                    {
                        // The watch must have seen every label it vouches for.
                        _wrongPrints.Add($"completed job {job.Id} ({job.Key}): the spool watch did not see its label put in place");
                    }
                    break;
                case "interrupted":
                    Interrupted++;
                    if (labels.Count > 1 || labels.Any(l => l.Text != job.Key))
                    {
                        _wrongPrints.Add($"interrupted job {job.Id} ({job.Key}) left {labels.Count} label files");
                    }
                    if (job.Started is not { } started || job.Finished is not { } finished
                        || !kills.Any(kill => started.UtcDateTime <= kill && kill <= finished.UtcDateTime))
                    {
                        _badInterruptions.Add($"job {job.Id} ({job.Key}) was interrupted (printing {job.Started:O} to {job.Finished:O}) "
                            + $"without a kill while it printed: {job.Error}");
                    }
                    break;
                case "failed":
                    Failed++;
                    FailedJobs.Add($"job {job.Id} ({job.Key}) on {job.Machine}: {job.Error}");
                    if (labels.Count > 0)
                    {
                        _wrongPrints.Add($"failed job {job.Id} ({job.Key}) left {labels.Count} label files");
                    }
                    break;
                default:
                    NotFinal++;
                    break;
            }
        }
    }

    /// <summary>Accepted jobs not listed on their machine.</summary>
    public IReadOnlyList<string> Lost => _lost;

    /// <summary>Jobs beyond the one accepted per key: listed twice, a second job for a key, one job for two keys.</summary>
    public IReadOnlyList<string> Duplicated => _duplicated;

    /// <summary>Labels put in place more than once, or the same label text in two files.</summary>
    public IReadOnlyList<string> PrintedTwice => _printedTwice;

    /// <summary>Completed jobs without exactly their one label, failed jobs with labels, files of unknown jobs.</summary>
    public IReadOnlyList<string> WrongPrints => _wrongPrints;

    /// <summary>Interrupted jobs that were not printing when a node was killed.</summary>
    public IReadOnlyList<string> BadInterruptions => _badInterruptions;

    public List<string> FailedJobs { get; } = [];

    public int Completed { get; }

    public int Interrupted { get; }

    public int Failed { get; }

    public int NotFinal { get; }

    /// <summary>Temp files of interrupted jobs (killed between writing a label and renaming it into place).</summary>
    public int UnfinishedWrites { get; }

    /// <summary>Every problem found, by kind, for a failure message.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. _lost.Select(p => $"lost: {p}"),
        .. _duplicated.Select(p => $"duplicated: {p}"),
        .. _printedTwice.Select(p => $"printed twice: {p}"),
        .. _wrongPrints.Select(p => $"wrong print: {p}"),
        .. _badInterruptions.Select(p => $"interrupted without a kill: {p}"),
        .. FailedJobs.Select(p => $"failed: {p}"),
        .. NotFinal > 0 ? [$"{NotFinal} jobs are not final"] : Array.Empty<string>(),
    ];
}
