namespace IncidentBot.Domain.Ports;

/// <summary>What kind of Slack request an inbox item holds.</summary>
public enum InboxKind
{
    /// <summary>A slash command (form body).</summary>
    Command,

    /// <summary>An interaction (form body with a JSON <c>payload</c>): a button or menu in a message.</summary>
    Interaction,

    /// <summary>A delivery from an alert tool, read into signals (JSON) before it was stored.</summary>
    Alert,
}

/// <summary>
/// A verified Slack request, stored as it arrived so the work it asks for is done after Slack has
/// been answered. <see cref="Key"/> identifies the request (a replay has the same key and is stored
/// once); <see cref="IncidentNumber"/>, when the request names an incident, keeps one incident's
/// requests in arrival order.
/// </summary>
public sealed record InboxItem(string Key, InboxKind Kind, string Body, long? IncidentNumber, DateTimeOffset ReceivedAt);

/// <summary>An inbox item as the worker sees it.</summary>
public sealed record InboxRecord(long Id, InboxItem Item, int Attempts);

/// <summary>
/// The inbox: Slack requests accepted on the request path (one insert, then the answer) and worked
/// off by the inbox worker. Safe with several workers on one database, like the outbox.
/// </summary>
public interface IInbox
{
    /// <summary>Stores the request; false when a request with the same key was stored before (a replay), which then changes nothing.</summary>
    Task<bool> AdmitAsync(InboxItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending items for <paramref name="lease"/>, oldest first, each
    /// the oldest pending item of its incident (so one incident's requests are applied in order).
    /// </summary>
    Task<IReadOnlyList<InboxRecord>> ClaimAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>The item's work is done (its effects and its answer are committed).</summary>
    Task CompleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Releases the item for another attempt no earlier than <paramref name="notBefore"/>.</summary>
    Task RetryLaterAsync(long id, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default);

    /// <summary>Hands a claimed item back unapplied (the worker is stopping), without counting the claim as an attempt.</summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Gives up on the item; it is kept for inspection and no longer holds back its incident.</summary>
    Task FailAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default);

    /// <summary>
    /// True while a request received no later than <paramref name="receivedBy"/> (about <paramref name="incidentNumber"/>,
    /// or any when null, except in lanes with negative numbers such as the alerts') waits to be applied.
    /// </summary>
    Task<bool> HasPendingAsync(long? incidentNumber, DateTimeOffset receivedBy, CancellationToken cancellationToken = default);

    /// <summary>Deletes finished items and handled-request keys received before <paramref name="before"/>; returns how many rows went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
