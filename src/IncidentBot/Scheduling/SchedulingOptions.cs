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

    /// <summary>How often the synchroniser looks for schedule requests when nothing woke it.</summary>
    public TimeSpan SyncPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A job that fires this much before its due time (clock skew between replicas) still acts.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(2);

    public int ThreadCount { get; set; } = 8;

    /// <summary>How often overdue action items are looked for.</summary>
    public TimeSpan ActionItemCheckInterval { get; set; } = TimeSpan.FromHours(1);
}
