using System.Data.Common;
using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage.Dialects;

namespace IncidentBot.Storage.Incidents;

/// <summary>The operations of one transaction opened by <see cref="SqlIncidentStore.ExecuteAsync{T}"/>.</summary>
internal sealed class SqlIncidentUnitOfWork(DbConnection connection, DbTransaction transaction, SqlDialect dialect, UnreadableRows unreadable, CancellationToken cancellationToken)
    : IIncidentUnitOfWork
{
    private static readonly string ByHeadline = $"""
        SELECT {IncidentRow.Columns}
        FROM incidents
        WHERE channel = @Channel AND headline_ts = @Ts
        """;

    private const string RecordThread = """
        INSERT INTO thread_messages (channel, ts, incident_number, user_id, text, at)
        VALUES (@Channel, @Ts, @IncidentNumber, @User, @Text, @At)
        ON CONFLICT (channel, ts) DO NOTHING
        """;

    private const string FindThread = """
        SELECT channel, ts, incident_number, user_id, text, at
        FROM thread_messages
        WHERE channel = @Channel AND ts = @Ts
        """;

    private const string RecordInbound = """
        INSERT INTO inbound_requests (key, received_at)
        VALUES (@Key, @ReceivedAt)
        ON CONFLICT (key) DO NOTHING
        """;

    // Same declarer, same title key, active, recent: one index lookup however many incidents there are.
    private static readonly string RecentByDeclarer = $"""
        SELECT {IncidentRow.Columns}
        FROM incidents
        WHERE declared_by = @DeclaredBy AND title_key = @TitleKey AND declared_at >= @Since AND state IN {ActiveStates.SqlList}
        ORDER BY declared_at DESC, number DESC
        LIMIT 1
        """;

    private const string Insert = """
        INSERT INTO incidents (
            title, title_key, description, affected_assets, severity, category, state, impact, declared_by,
            owner, acknowledged_by, detected_at, declared_at, acknowledged_at, last_update_at, resolved_at,
            closed_at, fix_status, root_cause_identified, eta, latest_update, channel, headline_ts,
            postmortem_required, postmortem_link, version,
            severity_changed_at, last_reminder_at, snoozed_until, fired_escalations, impact_notified,
            resolution_summary, root_cause, fix_applied, verified_at, how_verified, data_state,
            postmortem_due_at, postmortem_done_at, last_postmortem_reminder_at, duplicate_of, reopened_at, state_changed_at)
        VALUES (
            @Title, @TitleKey, @Description, @AffectedAssets, @Severity, @Category, @State, @Impact, @DeclaredBy,
            @Owner, @AcknowledgedBy, @DetectedAt, @DeclaredAt, @AcknowledgedAt, @LastUpdateAt, @ResolvedAt,
            @ClosedAt, @FixStatus, @RootCauseIdentified, @Eta, @LatestUpdate, @Channel, @HeadlineTs,
            @PostmortemRequired, @PostmortemLink, @Version,
            @SeverityChangedAt, @LastReminderAt, @SnoozedUntil, @FiredEscalations, @ImpactNotified,
            @ResolutionSummary, @RootCause, @FixApplied, @VerifiedAt, @HowVerified, @DataState,
            @PostmortemDueAt, @PostmortemDoneAt, @LastPostmortemReminderAt, @DuplicateOf, @ReopenedAt, @StateChangedAt)
        RETURNING number
        """;

    // Where the headline lives is delivery metadata, written by the outbox worker
    // (SqlOutboxStore.MarkSentAsync) without a version bump, so the version check does not protect it
    // from an incident object loaded before the headline went out. Hence a save never clears
    // headline_ts, and never writes channel at all: the channel is set when the incident is declared
    // and afterwards only by the worker (the id Slack answered with); the domain cannot change it.
    private const string Update = """
        UPDATE incidents SET
            title = @Title, title_key = @TitleKey, description = @Description, affected_assets = @AffectedAssets,
            severity = @Severity, category = @Category, state = @State, impact = @Impact,
            declared_by = @DeclaredBy, owner = @Owner, acknowledged_by = @AcknowledgedBy,
            detected_at = @DetectedAt, declared_at = @DeclaredAt, acknowledged_at = @AcknowledgedAt,
            last_update_at = @LastUpdateAt, resolved_at = @ResolvedAt, closed_at = @ClosedAt,
            fix_status = @FixStatus, root_cause_identified = @RootCauseIdentified, eta = @Eta,
            latest_update = @LatestUpdate,
            headline_ts = COALESCE(@HeadlineTs, headline_ts),
            postmortem_required = @PostmortemRequired, postmortem_link = @PostmortemLink,
            severity_changed_at = @SeverityChangedAt, last_reminder_at = @LastReminderAt,
            snoozed_until = @SnoozedUntil, fired_escalations = @FiredEscalations,
            impact_notified = @ImpactNotified, resolution_summary = @ResolutionSummary,
            root_cause = @RootCause, fix_applied = @FixApplied, verified_at = @VerifiedAt,
            how_verified = @HowVerified, data_state = @DataState, postmortem_due_at = @PostmortemDueAt,
            postmortem_done_at = @PostmortemDoneAt, last_postmortem_reminder_at = @LastPostmortemReminderAt,
            duplicate_of = @DuplicateOf, reopened_at = @ReopenedAt, state_changed_at = @StateChangedAt,
            version = version + 1
        WHERE number = @Number AND version = @Version
        """;

    private const string CurrentVersion = "SELECT version FROM incidents WHERE number = @Number";

    private const string InsertTimeline = """
        INSERT INTO timeline (incident_number, at, actor, kind, text, old_value, new_value)
        VALUES (@IncidentNumber, @At, @Actor, @Kind, @Text, @OldValue, @NewValue)
        """;

    private const string Enqueue = """
        INSERT INTO outbox (incident_number, kind, channel, user_id, text, blocks_json, broadcast, dedup_key,
                            response_url, status, attempts, next_attempt_at, created_at)
        VALUES (@IncidentNumber, @Kind, @Channel, @UserId, @Text, @BlocksJson, @Broadcast, @DedupKey,
                @ResponseUrl, 'pending', 0, @Now, @Now)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    private readonly string _loadForUpdate = $"""
        SELECT {IncidentRow.Columns}
        FROM incidents
        WHERE number = @Number
        {dialect.ForUpdate}
        """;

    private const string InsertActionItem = """
        INSERT INTO action_items (incident_number, owner, due_date, text, done, created_by, created_at, done_at, last_reminded_at)
        VALUES (@IncidentNumber, @Owner, @DueDate, @Text, @Done, @CreatedBy, @CreatedAt, @DoneAt, @LastRemindedAt)
        RETURNING id
        """;

    // Only what changes after creation; owner, due date and text are fixed once added.
    private const string UpdateActionItem = """
        UPDATE action_items
        SET done = @Done, done_at = @DoneAt, last_reminded_at = @LastRemindedAt
        WHERE id = @Id
        """;

    private readonly string _loadActionItemForUpdate = $"""
        SELECT {ActionItemRow.Columns}
        FROM action_items
        WHERE id = @Id
        {dialect.ForUpdate}
        """;

    /// <summary>
    /// The version each incident saved in this transaction now has in the database. The domain object
    /// keeps the version it was loaded with, so without this a second save of the same object in one
    /// transaction would look like someone else's change.
    /// </summary>
    private readonly Dictionary<Incident, int> _savedVersions = new(ReferenceEqualityComparer.Instance);

    public async Task<bool> TryRecordInboundAsync(string key, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var rows = await connection.ExecuteAsync(Command(RecordInbound, new { Key = key, ReceivedAt = UnixMs.From(at) }));
        return rows == 1;
    }

    public async Task<Incident?> LoadForUpdateAsync(long number)
    {
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(Command(_loadForUpdate, new { Number = number }));
        return row?.ToIncidentOrSkip(unreadable);
    }

    /// <summary>
    /// Titles are matched on <see cref="IncidentRow.TitleKey"/>, folded in C# rather than with SQL
    /// upper()/lower(): SQLite folds ASCII only, PostgreSQL follows the collation, and the two
    /// providers must agree.
    /// </summary>
    public async Task<Incident?> FindRecentDuplicateAsync(string declaredBy, string title, DateTimeOffset since)
    {
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(Command(RecentByDeclarer, new { DeclaredBy = declaredBy, TitleKey = IncidentRow.KeyOf(title), Since = UnixMs.From(since) }));
        return row?.ToIncidentOrSkip(unreadable);
    }

    /// <summary>
    /// The rows are written first and the object is changed (number assigned, pending timeline taken)
    /// only once they are: if a statement fails, the incident is as it was and a retried transaction
    /// can insert it again.
    /// </summary>
    public async Task InsertAsync(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Number != 0)
        {
            throw new InvalidOperationException($"{incident.Reference} is already stored; save changes to it with SaveAsync.");
        }
        var number = await connection.ExecuteScalarAsync<long>(Command(Insert, IncidentRow.From(incident.ToSnapshot())));
        await InsertTimelineAsync(incident.PendingTimeline, number);
        incident.AssignNumber(number);
        incident.TakePendingTimeline();
    }

    public async Task SaveAsync(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Number == 0)
        {
            throw new InvalidOperationException("This incident was never stored; insert it with InsertAsync first.");
        }
        var expected = _savedVersions.GetValueOrDefault(incident, incident.Version);
        var row = IncidentRow.From(incident.ToSnapshot());
        row.Version = expected;
        if (await connection.ExecuteAsync(Command(Update, row)) == 0)
        {
            var current = await connection.ExecuteScalarAsync<int?>(Command(CurrentVersion, new { incident.Number }));
            throw new ConcurrencyException(current is { } now
                ? $"{incident.Reference} was changed by someone else (version {expected} was loaded, the stored one is {now}); load it again and retry."
                : $"{incident.Reference} does not exist.");
        }
        _savedVersions[incident] = expected + 1;
        await InsertTimelineAsync(incident.PendingTimeline, incident.Number);
        incident.TakePendingTimeline();
    }

    public async Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var rows = await connection.ExecuteAsync(Command(Enqueue, new
        {
            message.IncidentNumber,
            Kind = StoredEnum.Name(message.Kind),
            message.Channel,
            UserId = message.User,
            message.Text,
            message.BlocksJson,
            message.Broadcast,
            message.DedupKey,
            message.ResponseUrl,
            Now = UnixMs.From(now),
        }));
        return rows == 1;
    }

    public async Task RequestScheduleAsync(long incidentNumber, DateTimeOffset now)
    {
        await connection.ExecuteAsync(Command(Schedule.SqlScheduleQueue.RequestOne, new { IncidentNumber = incidentNumber, RequestedAt = UnixMs.From(now) }));
    }

    public async Task ForgetScheduledAsync(long incidentNumber, string job)
    {
        // Kept, marked fired (due 0, no job id): the next pass schedules the job again or drops the record.
        await connection.ExecuteAsync(Command("UPDATE scheduled_jobs SET due_at = 0, job_id = NULL WHERE incident_number = @IncidentNumber AND job = @Job", new { IncidentNumber = incidentNumber, Job = job }));
    }

    public async Task<ActionItem> AddActionItemAsync(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Id != 0)
        {
            throw new InvalidOperationException($"Action item {item.Id} is already stored; save changes to it with SaveActionItemAsync.");
        }
        var id = await connection.ExecuteScalarAsync<long>(Command(InsertActionItem, ActionItemRow.From(item)));
        return item with { Id = id };
    }

    public async Task<ActionItem?> LoadActionItemForUpdateAsync(long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ActionItemRow>(Command(_loadActionItemForUpdate, new { Id = id }));
        return row?.ToActionItem();
    }

    public async Task SaveActionItemAsync(ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (await connection.ExecuteAsync(Command(UpdateActionItem, ActionItemRow.From(item))) == 0)
        {
            throw new InvalidOperationException($"Action item {item.Id} does not exist; add it with AddActionItemAsync first.");
        }
    }

    private async Task InsertTimelineAsync(IReadOnlyList<TimelineEntry> entries, long number)
    {
        if (entries.Count > 0)
        {
            await connection.ExecuteAsync(Command(InsertTimeline, entries.Select(e => TimelineRow.From(e, number)).ToList()));
        }
    }

    private CommandDefinition Command(string sql, object parameters) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public async Task<Incident?> FindByHeadlineAsync(string channel, string headlineTs)
    {
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(Command(ByHeadline, new { Channel = channel, Ts = headlineTs }));
        return row?.ToIncidentOrSkip(unreadable);
    }

    public async Task RecordThreadMessageAsync(ThreadMessage message) =>
        await connection.ExecuteAsync(Command(RecordThread, new
        {
            message.Channel,
            message.Ts,
            message.IncidentNumber,
            message.User,
            message.Text,
            At = UnixMs.From(message.At),
        }));

    public async Task<ThreadMessage?> FindThreadMessageAsync(string channel, string ts)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ThreadMessageRow>(Command(FindThread, new { Channel = channel, Ts = ts }));
        return row is null ? null : new ThreadMessage(row.Channel, row.Ts, row.IncidentNumber, row.UserId, row.Text, UnixMs.To(row.At));
    }

    private sealed class ThreadMessageRow
    {
        public string Channel { get; set; } = "";
        public string Ts { get; set; } = "";
        public long IncidentNumber { get; set; }
        public string UserId { get; set; } = "";
        public string Text { get; set; } = "";
        public long At { get; set; }
    }
}
