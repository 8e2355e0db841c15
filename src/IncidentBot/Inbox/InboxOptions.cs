using IncidentBot.Queues;

namespace IncidentBot.Inbox;

/// <summary>
/// The <c>Inbox</c> section: the worker that applies stored Slack requests. A request that failed for an
/// unexpected reason (database down...) is given up after <see cref="LeasedQueueOptions.MaxAttempts"/>, and
/// the person is told nothing changed. <see cref="LeasedQueueOptions.BatchSize"/> 0 makes a replica that
/// only accepts requests and leaves applying them to the others.
/// </summary>
public sealed class InboxOptions() : LeasedQueueOptions(maxRetryDelay: TimeSpan.FromMinutes(1), maxAttempts: 10, batchSize: 50)
{
    public const string Section = "Inbox";

    /// <summary>Finished requests (and the keys of handled requests) are kept this long for inspection and replay protection.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
