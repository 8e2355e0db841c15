namespace IncidentBot.Inbox;

/// <summary>The <c>Inbox</c> section: how the worker that applies stored Slack requests paces itself.</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>How often the worker looks for requests when nothing woke it (another replica's requests, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed request stays reserved; after a crash another worker takes it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A request that failed for an unexpected reason (database down...) is retried after this, doubling...</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>...up to this...</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>...and given up (the person is told nothing changed) after this many attempts.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Requests claimed per pass; 0 makes a replica that only accepts requests and leaves applying them to the others.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Finished requests (and the keys of handled requests) are kept this long for inspection and replay protection.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Wakes the local inbox worker as soon as a request is stored.</summary>
public sealed class InboxSignal : Outbox.WakeSignal;
