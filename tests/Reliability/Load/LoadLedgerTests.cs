namespace MachineActors.Reliability.Load;

/// <summary>The load test's checks find what they are there to find: each kind of damage on an otherwise clean run.</summary>
public sealed class LoadLedgerTests
{
    private static readonly DateTime s_kill = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly List<JobSubmission> _submissions = [Submission("k-1", "m-1"), Submission("k-2", "m-2"), Submission("k-3", "m-1")];
    private readonly List<ListedJob> _listed = [];
    private readonly List<SpoolFile> _files = [];
    private readonly Dictionary<string, int> _printed = new(StringComparer.Ordinal);

    public LoadLedgerTests()
    {
        foreach (var submission in _submissions)
        {
            _listed.Add(Listed(submission, "completed"));
            Print(submission.JobId, submission.Key);
        }
    }

    [Fact]
    public void A_clean_run_has_no_problems()
    {
        var ledger = Check();

        Assert.Empty(ledger.Problems);
        Assert.Equal(3, ledger.Completed);
    }

    [Fact]
    public void An_accepted_job_missing_from_the_lists_is_lost()
    {
        _listed.RemoveAt(1);
        _files.RemoveAt(1);

        Assert.Single(Check().Lost);
    }

    [Fact]
    public void A_job_listed_on_another_machine_only_is_lost()
    {
        _listed[0] = _listed[0] with { Machine = "m-2" };

        Assert.Single(Check().Lost);
    }

    [Fact]
    public void A_second_job_for_a_key_is_a_duplicate()
    {
        var second = Guid.NewGuid().ToString();
        _listed.Add(Listed(_submissions[0] with { JobId = second }, "completed"));
        Print(second, "k-1");

        var ledger = Check();

        Assert.Single(ledger.Duplicated);
        Assert.Single(ledger.PrintedTwice);
    }

    [Fact]
    public void A_job_listed_twice_or_given_to_two_keys_is_a_duplicate()
    {
        _listed.Add(_listed[2]);
        _submissions.Add(Submission("k-4", "m-1") with { JobId = _submissions[0].JobId });

        Assert.Equal(2, Check().Duplicated.Count);
    }

    [Fact]
    public void A_label_put_in_place_twice_is_printed_twice_even_though_one_file_is_left()
    {
        _printed[Path.Combine("spool", _files[0].Name)] = 2;

        Assert.Single(Check().PrintedTwice);
    }

    [Fact]
    public void A_label_the_watch_did_not_see_is_not_vouched_for()
    {
        _printed.Remove(Path.Combine("spool", _files[1].Name));

        Assert.Single(Check().WrongPrints);
    }

    [Fact]
    public void A_completed_job_without_its_label_or_with_another_text_is_a_wrong_print()
    {
        _files.RemoveAt(0);
        _files[0] = _files[0] with { Text = "something else" };

        Assert.Equal(2, Check().WrongPrints.Count);
    }

    [Fact]
    public void An_interruption_needs_a_kill_while_the_job_printed()
    {
        _listed[0] = _listed[0] with { State = "interrupted", Started = s_kill.AddSeconds(-1), Finished = s_kill.AddSeconds(6) };
        _listed[1] = _listed[1] with { State = "interrupted", Started = s_kill.AddSeconds(1), Finished = s_kill.AddSeconds(2) };

        var ledger = Check();

        Assert.Equal(2, ledger.Interrupted);
        Assert.Single(ledger.BadInterruptions);
    }

    [Fact]
    public void A_temp_file_left_by_a_kill_belongs_to_an_interrupted_job()
    {
        _listed[0] = _listed[0] with { State = "interrupted", Started = s_kill.AddSeconds(-1), Finished = s_kill.AddSeconds(6) };
        _files.RemoveAt(0);
        _files.Add(new SpoolFile("spool", $".{_listed[0].Id}_label0000_copy0001.txt.{Guid.NewGuid():N}.tmp", "k-1"));
        _files.Add(new SpoolFile("spool", $".{_listed[1].Id}_label0000_copy0001.txt.{Guid.NewGuid():N}.tmp", "k-2"));

        var ledger = Check();

        Assert.Equal(1, ledger.UnfinishedWrites);
        Assert.Single(ledger.WrongPrints);
    }

    [Fact]
    public void Failed_and_unfinished_jobs_are_problems()
    {
        _listed[0] = _listed[0] with { State = "failed", Error = "The machine is not running" };
        _listed[1] = _listed[1] with { State = "queued" };
        _files.RemoveRange(0, 2);

        var ledger = Check();

        Assert.Equal(1, ledger.Failed);
        Assert.Equal(1, ledger.NotFinal);
        Assert.Equal(2, ledger.Problems.Count);
    }

    private LoadLedger Check() => new(_submissions, _listed, _files, _printed, [s_kill]);

    private void Print(string jobId, string text)
    {
        var name = $"{jobId}_label0000_copy0001.txt";
        _files.Add(new SpoolFile("spool", name, text));
        _printed[Path.Combine("spool", name)] = 1;
    }

    private static JobSubmission Submission(string key, string machine) =>
        new(0, key, machine, Guid.NewGuid().ToString(), 1, 202, s_kill, 1, 1);

    private static ListedJob Listed(JobSubmission submission, string state) =>
        new(submission.Machine, submission.JobId, state, submission.Key, s_kill.AddMinutes(-1), s_kill.AddMinutes(-1), null);
}
