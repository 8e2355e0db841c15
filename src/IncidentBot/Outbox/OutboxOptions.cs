namespace IncidentBot.Outbox;

/// <summary>The <c>Outbox</c> section: how the delivery worker paces itself.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>How often the worker looks for due messages when nothing woke it (other replicas' messages, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message stays reserved for this worker; after a crash another worker takes it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Transient failures are retried with exponential backoff from this delay...</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>...up to this delay...</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>...and given up after this many attempts (about an hour with the defaults).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Messages claimed per pass (at most one per incident).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How many messages of a batch are sent at once (they belong to different incidents).</summary>
    public int Parallelism { get; set; } = 8;
}
