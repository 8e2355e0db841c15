using System.Data.Common;
using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage.Dialects;

namespace IncidentBot.Storage.Incidents;

/// <summary>The operations of one transaction opened by <see cref="SqlIncidentStore.ExecuteAsync{T}"/>: incidents, their timeline and what they queue.</summary>
internal sealed partial class SqlIncidentUnitOfWork(DbConnection connection, DbTransaction transaction, SqlDialect dialect, UnreadableRows unreadable, CancellationToken cancellationToken)
    : IIncidentUnitOfWork
{
    private static readonly string ByHeadline = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE channel = @Channel AND headline_ts = @Ts
        """;

    private const string RecordInbound = """
        INSERT INTO inbound_requests (key, received_at)
        VALUES (@Key, @ReceivedAt)
        ON CONFLICT (key) DO NOTHING
        """;

    // Same declarer, same title key, active, recent: one index lookup however many incidents there are.
    private static readonly string RecentByDeclarer = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE declared_by = @DeclaredBy AND title_key = @TitleKey AND declared_at >= @Since AND state IN {ActiveStates.SqlList}
        ORDER BY declared_at DESC, number DESC
        LIMIT 1
        """;

    private const string CurrentVersion = "SELECT version FROM incidents WHERE number = @Number";

    private const string InsertTimeline = """
        INSERT INTO timeline (incident_number, at, actor, kind, text, old_value, new_value)
        VALUES (@IncidentNumber, @At, @Actor, @Kind, @Text, @OldValue, @NewValue)
        """;

    internal const string Enqueue = """
        INSERT INTO outbox (incident_number, kind, channel, user_id, text, blocks_json, broadcast, dedup_key,
                            response_url, status, attempts, next_attempt_at, created_at)
        VALUES (@IncidentNumber, @Kind, @Channel, @UserId, @Text, @BlocksJson, @Broadcast, @DedupKey,
                @ResponseUrl, 'pending', 0, @Now, @Now)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    private readonly string _loadForUpdate = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE number = @Number
        {dialect.ForUpdate}
        """;

    /// <summary>The version each incident saved here now has: the object keeps the one it was loaded with, and a second save must not look like someone else's.</summary>
    private readonly Dictionary<Incident, int> _savedVersions = new(ReferenceEqualityComparer.Instance);

    public async Task<bool> TryRecordInboundAsync(string key, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var rows = await connection.ExecuteAsync(Command(RecordInbound, new { Key = key, ReceivedAt = UnixMs.From(at) }));
        return rows == 1;
    }

    public async Task<Incident?> LoadForUpdateAsync(long number) =>
        await IncidentColumns.ReadSingleAsync(connection, Command(_loadForUpdate, new { Number = number }), unreadable);

    /// <summary>Titles match on <see cref="IncidentColumns.KeyOf"/>, folded in C#: SQLite's upper() folds ASCII only, PostgreSQL's follows the collation.</summary>
    public async Task<Incident?> FindRecentDuplicateAsync(string declaredBy, string title, DateTimeOffset since)
    {
        var parameters = new { DeclaredBy = declaredBy, TitleKey = IncidentColumns.KeyOf(title), Since = UnixMs.From(since) };
        return await IncidentColumns.ReadSingleAsync(connection, Command(RecentByDeclarer, parameters), unreadable);
    }

    /// <summary>Writes the rows before changing the object (number, pending timeline), so a retried transaction can insert it again.</summary>
    public async Task InsertAsync(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Number != 0)
        {
            throw new InvalidOperationException($"{incident.Reference} is already stored; save changes to it with SaveAsync.");
        }
        var number = await connection.ExecuteScalarAsync<long>(Command(IncidentColumns.Insert, IncidentColumns.InsertParameters(incident.ToSnapshot())));
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
        if (await connection.ExecuteAsync(Command(IncidentColumns.Update, IncidentColumns.UpdateParameters(incident.ToSnapshot(), expected))) == 0)
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

    private async Task InsertTimelineAsync(IReadOnlyList<TimelineEntry> entries, long number)
    {
        if (entries.Count > 0)
        {
            await connection.ExecuteAsync(Command(InsertTimeline, entries.Select(e => TimelineRow.From(e, number)).ToList()));
        }
    }

    private CommandDefinition Command(string sql, object parameters) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    public async Task<Incident?> FindByHeadlineAsync(string channel, string headlineTs) =>
        await IncidentColumns.ReadSingleAsync(connection, Command(ByHeadline, new { Channel = channel, Ts = headlineTs }), unreadable);
}
