using MachineActors.Actors.Persistence.Tests.PostgreSql;

namespace MachineActors.Actors.Cluster.Tests.Membership;

/// <summary>Lets a test hold a member row locked until writers of the row have queued behind the lock.</summary>
internal static class LockWaiters
{
    /// <summary>
    /// Waits (in real time, up to 15 s) until <paramref name="count"/> sessions wait for a lock inside
    /// <c>change_member</c> of <paramref name="schema"/>; fails at once when <paramref name="completedTooSoon"/>
    /// says a writer finished instead of waiting.
    /// </summary>
    public static async Task WaitAsync(PrivatePostgres postgres, string schema, int count, Func<bool>? completedTooSoon = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (completedTooSoon?.Invoke() == true)
            {
                throw new InvalidOperationException("A writer completed while the row was locked.");
            }
            var waiting = await postgres.ScalarAsync<long>(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%{schema}%change_member%'");
            if (waiting == count)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} sessions waiting for the row lock; there are {waiting}.");
            }
            await Task.Yield();
        }
    }
}
