namespace IncidentBot.Domain.Watches;

/// <summary>What a watch's last run found.</summary>
public enum WatchResult
{
    Fresh,
    Stale,

    /// <summary>The query failed (connection, SQL, timeout, no timestamp): nothing is known about the data.</summary>
    Failed,
}

/// <summary>
/// A watch's state as every replica sees it (one row per watch): the last run and what it found, the
/// newest load seen, and the failures in a row with whether the channel was warned about them.
/// <see cref="Period"/> is the last period (of the watch's <c>Every</c>) a replica claimed: each period runs once.
/// </summary>
public sealed record WatchState
{
    public required string Name { get; init; }
    public long Period { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }
    public WatchResult? LastResult { get; init; }
    public DateTimeOffset? NewestLoad { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public bool Warned { get; init; }
    public int Runs { get; init; }
}
