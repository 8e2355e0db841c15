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

    /// <summary>The incidents of <paramref name="numbers"/> that exist, in no particular order.</summary>
    Task<IReadOnlyList<Incident>> FindManyAsync(IReadOnlyCollection<long> numbers, CancellationToken cancellationToken = default);

    /// <summary>Active incidents (Open..Verifying), most severe first, then oldest first.</summary>
    Task<IReadOnlyList<Incident>> ListActiveAsync(int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(long number, CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>For <c>/incident list</c>: active ones (most severe, then oldest first) or all (newest declared first).</summary>
    Task<IReadOnlyList<Incident>> ListAsync(bool activeOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>Incidents declared at or after <paramref name="since"/>, oldest first (for <c>/incident stats</c>).</summary>
    Task<IReadOnlyList<Incident>> ListDeclaredSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Active incidents with number greater than <paramref name="afterNumber"/>, by number, at most <paramref name="limit"/> (for paging through them all, e.g. rescheduling at start).</summary>
    Task<IReadOnlyList<Incident>> ListActivePageAsync(long afterNumber, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActionItem>> ListActionItemsAsync(long incidentNumber, CancellationToken cancellationToken = default);

    /// <summary>Open action items whose due date is before <paramref name="today"/> and that were not reminded since <paramref name="remindedBefore"/>.</summary>
    Task<IReadOnlyList<ActionItem>> ListOverdueActionItemsAsync(DateOnly today, DateTimeOffset remindedBefore, int limit, CancellationToken cancellationToken = default);

    /// <summary>Number of incidents by severity and state (for /metrics).</summary>
    Task<IReadOnlyList<IncidentCount>> CountIncidentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A stamp of the active incidents (how many, sums of their numbers and versions, how many have their
    /// headline posted): it changes whenever one is declared, changed, posted or closed, so a reader can
    /// keep what it built from them until then.
    /// </summary>
    Task<string> ActiveStampAsync(CancellationToken cancellationToken = default);

    /// <summary>Number of timeline entries of <paramref name="kind"/> (e.g. escalations) over all incidents.</summary>
    Task<long> CountTimelineAsync(TimelineKind kind, CancellationToken cancellationToken = default);

    /// <summary>A Prometheus-style histogram of a duration over all incidents where both ends are known, computed in the database.</summary>
    Task<DurationHistogram> HistogramAsync(DurationMeasure measure, IReadOnlyList<double> upperBoundsSeconds, CancellationToken cancellationToken = default);
}

public sealed record IncidentCount(Severity Severity, IncidentState State, long Count);

public enum DurationMeasure
{
    /// <summary>detected_at -> acknowledged_at.</summary>
    TimeToAcknowledge,

    /// <summary>detected_at -> resolved_at.</summary>
    TimeToResolve,

    /// <summary>data_wrong_since -> detected_at (incidents that say since when their data was wrong).</summary>
    TimeToDetect,
}

/// <summary>Cumulative bucket counts (one per upper bound, "le"), plus the total count and sum in seconds.</summary>
public sealed record DurationHistogram(IReadOnlyList<double> UpperBoundsSeconds, IReadOnlyList<long> CumulativeCounts, long Count, double SumSeconds);

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

    /// <summary>
    /// Asks for the incident's reminder and escalation jobs to be brought in line with its state, in the
    /// same transaction as the change (so a crash after commit cannot lose it). One row per incident:
    /// a second request before the first is handled just moves <c>requested_at</c>.
    /// </summary>
    Task RequestScheduleAsync(long incidentNumber, DateTimeOffset now);

    /// <summary>A scheduled job of the incident fired: it is recorded as fired, not as due, so the pass the job requests schedules it again or removes it.</summary>
    Task ForgetScheduledAsync(long incidentNumber, string job);

    /// <summary>Inserts an action item and returns it with its id.</summary>
    Task<ActionItem> AddActionItemAsync(ActionItem item);

    /// <summary>Loads and locks an action item.</summary>
    Task<ActionItem?> LoadActionItemForUpdateAsync(long id);

    /// <summary>Saves done/done_at/last_reminded_at of an action item.</summary>
    Task SaveActionItemAsync(ActionItem item);

    /// <summary>The incident whose headline is message <paramref name="headlineTs"/> in <paramref name="channel"/> (a thread's parent).</summary>
    Task<Incident?> FindByHeadlineAsync(string channel, string headlineTs);

    /// <summary>Keeps a message from an incident's thread; a second copy of the same (channel, ts) is ignored.</summary>
    Task RecordThreadMessageAsync(ThreadMessage message);

    Task<ThreadMessage?> FindThreadMessageAsync(string channel, string ts);
}

/// <summary>
/// The schedule requests queue, drained by the scheduler sync worker, and its record of what it put
/// into the scheduler for each incident (job name -> due time and the scheduler's job id).
/// </summary>
public interface IScheduleQueue
{
    /// <summary>Leases up to <paramref name="max"/> requests, oldest first; no other worker gets them until the lease runs out or they are completed.</summary>
    Task<IReadOnlyList<ScheduleRequest>> ClaimAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default);

    /// <summary>What was recorded as scheduled for each of <paramref name="incidentNumbers"/> (incidents with nothing recorded are absent).</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, ScheduledJob>>> ScheduledAsync(IReadOnlyCollection<long> incidentNumbers, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: records what is now scheduled for each incident, and removes each request
    /// unless it was renewed since it was claimed (then releases it for another pass).
    /// </summary>
    Task CompleteAsync(string workerId, IReadOnlyList<PlannedSchedule> outcomes, CancellationToken cancellationToken = default);

    /// <summary>Gives back every request <paramref name="workerId"/> holds (it is stopping), so another pass takes them at once instead of when the lease runs out.</summary>
    Task ReleaseAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests a pass for every incident that may still be chased (not closed or cancelled), e.g. at start
    /// after a configuration change. With <paramref name="forgetRecorded"/> the record of what was scheduled
    /// is dropped first (the scheduler's store did not outlive the last run). Returns how many.
    /// </summary>
    Task<int> RequestAllAsync(DateTimeOffset now, bool forgetRecorded = false, CancellationToken cancellationToken = default);

    /// <summary>Every recorded job id with its incident, for a repair pass to check against the scheduler.</summary>
    Task<IReadOnlyList<(long IncidentNumber, string JobId)>> RecordedJobIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets what was recorded for <paramref name="lost"/> (incidents whose scheduled jobs the scheduler
    /// no longer holds) and for active incidents with nothing recorded and nothing requested, and
    /// requests a pass for each. Returns their numbers.
    /// </summary>
    Task<IReadOnlyList<long>> RepairAsync(IReadOnlyCollection<long> lost, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>One job recorded as scheduled: when it is due and the scheduler's id for it (null once it fired).</summary>
public sealed record ScheduledJob(DateTimeOffset DueAt, string? JobId);

/// <summary>What a pass did for one claimed request: the jobs now scheduled for its incident (job name -> job).</summary>
public sealed record PlannedSchedule(ScheduleRequest Request, IReadOnlyDictionary<string, ScheduledJob> Scheduled);

public sealed record ScheduleRequest(long IncidentNumber, DateTimeOffset RequestedAt);

/// <summary>Another writer changed the incident between load and save.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);
