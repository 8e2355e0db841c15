namespace IncidentBot.Domain.Ports;

/// <summary>Incidents, their timelines and the outbox, in one database.</summary>
public interface IIncidentStore
{
    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction and commits it when the delegate
    /// returns; an exception rolls everything back. Writers to the same incident are serialised by
    /// the database (<see cref="IIncidentUnitOfWork.LoadForUpdateAsync"/>).
    /// </summary>
    Task<T> ExecuteAsync<T>(Func<IIncidentUnitOfWork, Task<T>> work, CancellationToken cancellationToken = default);

    Task<Incident?> FindAsync(long number, CancellationToken cancellationToken = default);

    /// <summary>Active incidents (Open..Verifying), most severe first, then oldest first.</summary>
    Task<IReadOnlyList<Incident>> ListActiveAsync(int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(long number, CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}

/// <summary>The operations available inside one transaction.</summary>
public interface IIncidentUnitOfWork
{
    /// <summary>
    /// Records that an inbound request (slash command, interaction, event) was handled. Returns false
    /// when the key was recorded before: the caller must then change nothing.
    /// </summary>
    Task<bool> TryRecordInboundAsync(string key, DateTimeOffset at);

    /// <summary>Loads the incident and locks its row until the transaction ends (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the write transaction).</summary>
    Task<Incident?> LoadForUpdateAsync(long number);

    /// <summary>An active incident declared by <paramref name="declaredBy"/> with the same title (case-insensitive) at or after <paramref name="since"/>.</summary>
    Task<Incident?> FindRecentDuplicateAsync(string declaredBy, string title, DateTimeOffset since);

    /// <summary>Inserts a new incident, assigns its number (<see cref="Incident.AssignNumber"/>) and persists its pending timeline.</summary>
    Task InsertAsync(Incident incident);

    /// <summary>
    /// Saves a loaded incident and its pending timeline entries, incrementing its version. Throws
    /// <see cref="ConcurrencyException"/> when the stored version is not the one loaded.
    /// </summary>
    Task SaveAsync(Incident incident);

    /// <summary>Queues a message; with a <see cref="OutboxMessage.DedupKey"/> seen before, does nothing and returns false.</summary>
    Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset now);
}

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
    /// not the configured name) on the incident, in the same transaction.
    /// </summary>
    Task MarkSentAsync(long id, DateTimeOffset now, string? headlineTs, string? headlineChannel, CancellationToken cancellationToken = default);

    /// <summary>Schedules another attempt no earlier than <paramref name="notBefore"/> and releases the lease.</summary>
    Task RetryLaterAsync(long id, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a message (permanent error); it is kept for inspection and no longer blocks its incident.</summary>
    Task MarkFailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default);

    /// <summary>Earliest time a pending message becomes due, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);
}

/// <summary>Another writer changed the incident between load and save.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);
