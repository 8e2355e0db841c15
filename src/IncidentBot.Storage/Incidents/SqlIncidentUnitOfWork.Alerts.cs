using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>Alerts' checks and silences in the incident transaction: a check joins its incident in the same commit.</summary>
internal sealed partial class SqlIncidentUnitOfWork : IAlertUnitOfWork
{
    internal const string CheckColumns = "incident_number, fingerprint, source, title, failing, fired, failing_since, last_seen_at, last_note_at, url";

    internal const string SilenceColumns = "id, matcher, ends_at, reason, created_by, created_at, ended_at, silenced";

    private static readonly string ActiveCheck = $"""
        SELECT {Prefixed("c", CheckColumns)}
        FROM alert_checks c JOIN incidents i ON i.number = c.incident_number
        WHERE c.fingerprint = @Fingerprint AND i.state IN {ActiveStates.SqlList}
        ORDER BY c.incident_number DESC
        LIMIT 1
        """;

    private const string ResolvedWithCheck = """
        SELECT i.number
        FROM alert_checks c JOIN incidents i ON i.number = c.incident_number
        WHERE c.fingerprint = @Fingerprint AND i.state = 'Resolved' AND i.resolved_at >= @Since
        ORDER BY i.resolved_at DESC
        LIMIT 1
        """;

    private static readonly string ActiveIncidents = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE state IN {ActiveStates.SqlList}
        ORDER BY declared_at, number
        LIMIT @Limit
        """;

    internal const string ChecksOf = $"""
        SELECT {CheckColumns}
        FROM alert_checks
        WHERE incident_number = @Number
        ORDER BY failing DESC, failing_since, fingerprint
        """;

    private const string UpsertCheck = $"""
        INSERT INTO alert_checks ({CheckColumns})
        VALUES (@IncidentNumber, @Fingerprint, @Source, @Title, @Failing, @Fired, @FailingSince, @LastSeenAt, @LastNoteAt, @Url)
        ON CONFLICT (incident_number, fingerprint) DO UPDATE SET
            source = excluded.source, title = excluded.title, failing = excluded.failing, fired = excluded.fired,
            failing_since = excluded.failing_since, last_seen_at = excluded.last_seen_at,
            last_note_at = excluded.last_note_at, url = excluded.url
        """;

    private const string ActiveSilences = $"""
        SELECT {SilenceColumns}
        FROM alert_silences
        WHERE ended_at IS NULL AND ends_at > @Now
        ORDER BY id
        """;

    private const string CountSilenced = "UPDATE alert_silences SET silenced = silenced + 1 WHERE id = @Id";

    private const string InsertSilence = """
        INSERT INTO alert_silences (matcher, ends_at, reason, created_by, created_at, silenced)
        VALUES (@Matcher, @EndsAt, @Reason, @CreatedBy, @CreatedAt, 0)
        RETURNING id
        """;

    private const string EndSilence = "UPDATE alert_silences SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL AND ends_at > @Now";

    public async Task<AlertCheck?> FindActiveCheckAsync(string fingerprint) =>
        (await connection.QueryAsync<AlertCheckRow>(Command(ActiveCheck, new { Fingerprint = fingerprint }))).FirstOrDefault()?.ToCheck();

    public Task<long?> FindResolvedWithCheckAsync(string fingerprint, DateTimeOffset since) =>
        connection.ExecuteScalarAsync<long?>(Command(ResolvedWithCheck, new { Fingerprint = fingerprint, Since = UnixMs.From(since) }));

    public async Task<IReadOnlyList<Incident>> ListActiveAsync(int limit) =>
        (await IncidentColumns.ReadAsync(connection, Command(ActiveIncidents, new { Limit = limit }), unreadable)).OfType<Incident>().ToList();

    public async Task<IReadOnlyList<AlertCheck>> ChecksOfAsync(long incidentNumber) =>
        (await connection.QueryAsync<AlertCheckRow>(Command(ChecksOf, new { Number = incidentNumber }))).Select(r => r.ToCheck()).ToList();

    public Task SaveCheckAsync(AlertCheck check) => connection.ExecuteAsync(Command(UpsertCheck, AlertCheckRow.From(check)));

    public async Task<IReadOnlyList<AlertSilence>> ActiveSilencesAsync(DateTimeOffset now) =>
        (await connection.QueryAsync<AlertSilenceRow>(Command(ActiveSilences, new { Now = UnixMs.From(now) }))).Select(r => r.ToSilence()).ToList();

    public Task CountSilencedAsync(long id) => connection.ExecuteAsync(Command(CountSilenced, new { Id = id }));

    public async Task<AlertSilence> AddSilenceAsync(AlertSilence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var id = await connection.ExecuteScalarAsync<long>(Command(InsertSilence, new
        {
            silence.Matcher,
            EndsAt = UnixMs.From(silence.Until),
            silence.Reason,
            silence.CreatedBy,
            CreatedAt = UnixMs.From(silence.CreatedAt),
        }));
        return silence with { Id = id };
    }

    public async Task<bool> EndSilenceAsync(long id, DateTimeOffset now) =>
        await connection.ExecuteAsync(Command(EndSilence, new { Id = id, Now = UnixMs.From(now) })) == 1;

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));
}

/// <summary>One row of <c>alert_checks</c>.</summary>
internal sealed class AlertCheckRow
{
    public long IncidentNumber { get; set; }
    public string Fingerprint { get; set; } = "";
    public string Source { get; set; } = "";
    public string Title { get; set; } = "";
    public bool Failing { get; set; }
    public int Fired { get; set; }
    public long FailingSince { get; set; }
    public long LastSeenAt { get; set; }
    public long LastNoteAt { get; set; }
    public string? Url { get; set; }

    public static AlertCheckRow From(AlertCheck check) => new()
    {
        IncidentNumber = check.IncidentNumber,
        Fingerprint = check.Fingerprint,
        Source = check.Source,
        Title = check.Title,
        Failing = check.Failing,
        Fired = check.Fired,
        FailingSince = UnixMs.From(check.FailingSince),
        LastSeenAt = UnixMs.From(check.LastSeenAt),
        LastNoteAt = UnixMs.From(check.LastNoteAt),
        Url = check.Url,
    };

    public AlertCheck ToCheck() => new()
    {
        IncidentNumber = IncidentNumber,
        Fingerprint = Fingerprint,
        Source = Source,
        Title = Title,
        Failing = Failing,
        Fired = Fired,
        FailingSince = UnixMs.To(FailingSince),
        LastSeenAt = UnixMs.To(LastSeenAt),
        LastNoteAt = UnixMs.To(LastNoteAt),
        Url = Url,
    };
}

/// <summary>One row of <c>alert_silences</c>.</summary>
internal sealed class AlertSilenceRow
{
    public long Id { get; set; }
    public string Matcher { get; set; } = "";
    public long EndsAt { get; set; }
    public string? Reason { get; set; }
    public string CreatedBy { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? EndedAt { get; set; }
    public int Silenced { get; set; }

    public AlertSilence ToSilence() => new()
    {
        Id = Id,
        Matcher = Matcher,
        Until = UnixMs.To(EndsAt),
        Reason = Reason,
        CreatedBy = CreatedBy,
        CreatedAt = UnixMs.To(CreatedAt),
        EndedAt = UnixMs.To(EndedAt),
        Silenced = Silenced,
    };
}
