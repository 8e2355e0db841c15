namespace IncidentBot.Domain.Ports;

/// <summary>The delivery side of the outbox, used by the worker.</summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="max"/> due messages for <paramref name="lease"/>: pending, due, not
    /// leased by a live worker, and the oldest pending message of their incident (so messages of one
    /// incident go out in order: headline before its thread). Safe with several workers on one database.
    /// </summary>
    Task<IReadOnlyList<OutboxRecord>> ClaimDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a message sent. For <see cref="OutboxKind.PostHeadline"/> also stores <paramref name="headlineTs"/>
    /// and <paramref name="headlineChannel"/> (the channel id Slack answered with; chat.update needs the id,
    /// not the configured name) on the incident, and <paramref name="headlinePermalink"/> (chat.getPermalink's) as
    /// its link, in the same transaction.
    /// </summary>
    Task MarkSentAsync(long id, DateTimeOffset now, string? headlineTs, string? headlineChannel, string? headlinePermalink = null, CancellationToken cancellationToken = default);

    /// <summary>Hands a claimed message back for no earlier than <paramref name="notBefore"/> without counting the claim as an attempt (paused for Retry-After, lease running out).</summary>
    Task ReleaseAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken cancellationToken = default);

    /// <summary>Schedules another attempt no earlier than <paramref name="notBefore"/> and releases the lease.</summary>
    Task RetryLaterAsync(long id, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a message (permanent error); it is kept for inspection and no longer blocks its incident.</summary>
    Task MarkFailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default);

    /// <summary>The newest pending headline edit of the incident, if any (read before the edit being sent is rendered).</summary>
    Task<long?> LatestPendingEditAsync(long incidentNumber, CancellationToken cancellationToken = default);

    /// <summary>After edit <paramref name="id"/> went out, marks the incident's other pending edits up to <paramref name="upTo"/> as sent with it; returns how many.</summary>
    Task<int> SupersedeEditsAsync(long id, long incidentNumber, long upTo, DateTimeOffset now, CancellationToken cancellationToken = default);
}
