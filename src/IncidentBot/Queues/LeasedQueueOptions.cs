namespace IncidentBot.Queues;

/// <summary>What every leased queue's worker is configured with (the <c>Inbox</c> and <c>Outbox</c> sections).</summary>
public abstract class LeasedQueueOptions(TimeSpan maxRetryDelay, int maxAttempts, int batchSize)
{
    /// <summary>How often the worker looks for work when nothing woke it (another replica's work, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed item stays this worker's; after a crash another worker takes it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A failed item is retried after this delay, doubling with each attempt...</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>...up to this delay...</summary>
    public TimeSpan MaxRetryDelay { get; set; } = maxRetryDelay;

    /// <summary>...and given up after this many attempts.</summary>
    public int MaxAttempts { get; set; } = maxAttempts;

    /// <summary>Items claimed per pass.</summary>
    public int BatchSize { get; set; } = batchSize;

    /// <summary>The delay before the next attempt of an item that failed its <paramref name="attempts"/>-th.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var delay = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelay.TotalMilliseconds));
    }
}
