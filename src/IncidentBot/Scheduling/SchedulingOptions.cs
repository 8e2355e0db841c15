namespace IncidentBot.Scheduling;

/// <summary>The <c>Scheduler</c> section: Quartz tuning. Defaults suit production; tests shorten them.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often Quartz looks for due triggers when it has none in sight (at least 1 s).</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>PostgreSQL cluster: how often each node says it is alive...</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>...and how long after a missed check-in the others take over its triggers.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A trigger later than this counts as misfired (and fires at once, through Quartz's misfire
    /// handler). Generous, so a backlog of due reminders is fired in order rather than handed over.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the synchroniser looks for schedule requests when nothing woke it.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the synchroniser lets schedule requests gather after a change woke it (reminders are minutes away; writes are cheaper in batches).</summary>
    public TimeSpan SyncGather { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests handled per synchroniser pass (one Quartz write per pass, whatever the number).</summary>
    public int SyncBatchSize { get; set; } = 200;

    /// <summary>How long a claimed schedule request stays this synchroniser's; after a crash another takes it.</summary>
    public TimeSpan SyncLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the synchroniser looks for schedules that went missing (and plans them again).</summary>
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A job that fires this much before its due time (clock skew between replicas) still acts.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// PostgreSQL: whether Quartz's own commits wait for the WAL flush. Off by default (see
    /// <c>SchedulingExtensions.SchedulerConnectionString</c>): Quartz commits under its cluster lock,
    /// and the bot repairs what a database crash could take back of Quartz's bookkeeping.
    /// </summary>
    public bool SynchronousCommit { get; set; }

    /// <summary>Quartz worker threads (and, on a persistent store, how many due triggers it takes per round).</summary>
    public int ThreadCount { get; set; } = 8;

    /// <summary>How often overdue action items are looked for.</summary>
    public TimeSpan ActionItemCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
