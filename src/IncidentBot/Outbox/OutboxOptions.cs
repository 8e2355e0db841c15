using IncidentBot.Queues;

namespace IncidentBot.Outbox;

/// <summary>
/// The <c>Outbox</c> section: the delivery worker. Transient failures are given up after 20 attempts by
/// default (about an hour); a batch holds at most one message per incident.
/// </summary>
public sealed class OutboxOptions() : LeasedQueueOptions(maxRetryDelay: TimeSpan.FromMinutes(5), maxAttempts: 20, batchSize: 32)
{
    public const string Section = "Outbox";

    /// <summary>How many messages of a batch are sent at once (they belong to different incidents).</summary>
    public int Parallelism { get; set; } = 8;
}
