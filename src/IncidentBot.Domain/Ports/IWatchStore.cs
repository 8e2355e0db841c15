using IncidentBot.Domain.Watches;

namespace IncidentBot.Domain.Ports;

/// <summary>Watches' state and the dbt runs kept for the phantom-success rules, shared by every replica.</summary>
public interface IWatchStore
{
    /// <summary>Claims <paramref name="period"/> of watch <paramref name="name"/> for this run; false when a run already claimed it (or a later one).</summary>
    Task<bool> ClaimAsync(string name, long period, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records a run that read the newest load (fresh or stale): failures in a row start again.</summary>
    Task RecordReadingAsync(string name, long period, WatchResult result, DateTimeOffset newestLoad, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed run; when it makes <paramref name="warnAfter"/> failures in a row and the channel
    /// was not warned since the last success, queues <paramref name="warning"/> in the same transaction.
    /// Returns the state after.
    /// </summary>
    Task<WatchState> RecordFailureAsync(string name, long period, string error, DateTimeOffset now, int warnAfter, OutboxMessage warning, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WatchState>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps a successful run (a second copy of the same job and run id changes nothing).</summary>
    Task SaveRunAsync(DbtRun run, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> runs of <paramref name="job"/> that finished no later than <paramref name="before"/>, newest first, without <paramref name="runId"/>.</summary>
    Task<IReadOnlyList<DbtRun>> RunsBeforeAsync(string job, string runId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}
