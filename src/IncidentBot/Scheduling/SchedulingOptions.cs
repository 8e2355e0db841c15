namespace IncidentBot.Scheduling;

/// <summary>The <c>Scheduler</c> section: Hangfire and the schedule synchroniser. Defaults suit production; tests shorten them.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often Hangfire moves scheduled jobs that fell due to the queue (and checks recurring jobs).</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>PostgreSQL: how often an idle worker looks for an enqueued job (one cheap query each; at 1 s, reminders came up to 2 s late at 100/s).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>PostgreSQL: a job fetched by a replica that stops heartbeating it (killed) is taken by another after this (sliding invisibility).</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL: a Hangfire lock held by a killed replica is given up after this (Hangfire's default is 10 min).</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// PostgreSQL: whether Hangfire's own commits wait for the WAL flush. Off by default: a reminder
    /// costs Hangfire about ten small commits; what a database crash could take back of them, the
    /// repair pass and the jobs' re-check restore (see <see cref="JobStores"/>).
    /// </summary>
    public bool SynchronousCommit { get; set; }

    /// <summary>
    /// How many due jobs Hangfire's delayed-job scheduler moves to the queue at once
    /// (<c>MaxDegreeOfParallelismForSchedulers</c>, experimental in Hangfire 1.8). One by default: at 4
    /// a PostgreSQL burst's jobs ran twice as close to their due time, but in one run of the two-replica
    /// failover test seven incidents' reminders never came after a replica was killed. At 1 (or less)
    /// the option is not passed to Hangfire at all.
    /// </summary>
    public int SchedulerParallelism { get; set; } = 1;

    /// <summary>Hangfire workers per process: how many jobs run at once.</summary>
    public int WorkerCount { get; set; } = 10;

    /// <summary>How often the synchroniser looks for schedule requests when nothing woke it.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the synchroniser lets schedule requests gather after a change woke it (reminders are minutes away; writes are cheaper in batches).</summary>
    public TimeSpan SyncGather { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests handled per synchroniser pass.</summary>
    public int SyncBatchSize { get; set; } = 200;

    /// <summary>How many Hangfire jobs a pass creates or deletes at once (each is its own storage transaction).</summary>
    public int SyncParallelism { get; set; } = 4;

    /// <summary>How long a claimed schedule request stays this synchroniser's; after a crash another takes it.</summary>
    public TimeSpan SyncLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the synchroniser asks Hangfire whether the jobs it recorded still exist (and plans missing ones again).</summary>
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A job that fires this much before its due time (clock skew between replicas) still acts.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often overdue action items are looked for (a Hangfire recurring job; whole seconds, minutes or hours that divide a minute, an hour or a day).</summary>
    public TimeSpan ActionItemCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
