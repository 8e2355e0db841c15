using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>
/// Incidents and their timelines over Dapper; the same SQL for PostgreSQL and SQLite. A row that
/// cannot be read is left out (and reported to <paramref name="unreadable"/>), never fails the query.
/// </summary>
internal sealed class SqlIncidentStore(Database database, UnreadableRows unreadable) : IIncidentStore
{
    private static readonly string Find = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE number = @Number
        """;

    // Severity names sort the way severities do (P0 < P1 < P2 < P3); number breaks ties stably.
    private static readonly string ListActive = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE state IN {ActiveStates.SqlList}
        ORDER BY severity, declared_at, number
        LIMIT @Limit
        """;

    private static readonly string ListAll = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        ORDER BY declared_at DESC, number DESC
        LIMIT @Limit
        """;

    private static readonly string DeclaredSince = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE declared_at >= @Since
        ORDER BY declared_at, number
        """;

    // Keyset paging by number: stable while incidents are declared or resolved between pages.
    private static readonly string ActivePage = $"""
        SELECT {IncidentColumns.SelectList}
        FROM incidents
        WHERE state IN {ActiveStates.SqlList} AND number > @AfterNumber
        ORDER BY number
        LIMIT @Limit
        """;

    private const string ActionItems = $"""
        SELECT {ActionItemRow.Columns}
        FROM action_items
        WHERE incident_number = @Number
        ORDER BY id
        """;

    // done is compared with a parameter (false) rather than a literal: PostgreSQL has boolean, SQLite 0/1.
    // Dates are yyyy-MM-dd text, so text order is date order.
    private const string OverdueActionItems = $"""
        SELECT {ActionItemRow.Columns}
        FROM action_items
        WHERE done = @Done
          AND due_date < @Today
          AND (last_reminded_at IS NULL OR last_reminded_at < @RemindedBefore)
        ORDER BY due_date, id
        LIMIT @Limit
        """;

    private const string CountByState = """
        SELECT severity, state, COUNT(*) AS count
        FROM incidents
        GROUP BY severity, state
        ORDER BY severity, state
        """;

    private const string CountKind = "SELECT COUNT(*) FROM timeline WHERE kind = @Kind";

    private const string Timeline = """
        SELECT incident_number, at, actor, kind, text, old_value, new_value
        FROM timeline
        WHERE incident_number = @Number
        ORDER BY at, id
        """;

    /// <summary>A deadlock, serialisation failure or busy file runs <paramref name="work"/> again on a fresh transaction: decide inside it.</summary>
    public Task<T> ExecuteAsync<T>(Func<IIncidentUnitOfWork, Task<T>> work, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(
            (connection, transaction) => work(new SqlIncidentUnitOfWork(connection, transaction, database.Dialect, unreadable, cancellationToken)),
            cancellationToken);

    public async Task<Incident?> FindAsync(long number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await IncidentColumns.ReadSingleAsync(connection, new CommandDefinition(Find, new { Number = number }, cancellationToken: cancellationToken), unreadable);
    }

    public Task<IReadOnlyList<Incident>> FindManyAsync(IReadOnlyCollection<long> numbers, CancellationToken cancellationToken = default) =>
        numbers.Count == 0
            ? Task.FromResult<IReadOnlyList<Incident>>([])
            // Numbers are longs, not input: inlined, the same on both databases.
            : QueryIncidentsAsync(
                $"SELECT {IncidentColumns.SelectList} FROM incidents WHERE number IN ({string.Join(", ", numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)))})",
                new { },
                cancellationToken);

    public Task<IReadOnlyList<Incident>> ListActiveAsync(int limit, CancellationToken cancellationToken = default) =>
        ListAsync(activeOnly: true, limit, cancellationToken);

    public Task<IReadOnlyList<Incident>> ListAsync(bool activeOnly, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return QueryIncidentsAsync(activeOnly ? ListActive : ListAll, new { Limit = limit }, cancellationToken);
    }

    public Task<IReadOnlyList<Incident>> ListDeclaredSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryIncidentsAsync(DeclaredSince, new { Since = UnixMs.From(since) }, cancellationToken);

    public Task<IReadOnlyList<Incident>> ListActivePageAsync(long afterNumber, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return QueryIncidentsAsync(ActivePage, new { AfterNumber = afterNumber, Limit = limit }, cancellationToken);
    }

    public Task<IReadOnlyList<ActionItem>> ListActionItemsAsync(long incidentNumber, CancellationToken cancellationToken = default) =>
        QueryActionItemsAsync(ActionItems, new { Number = incidentNumber }, cancellationToken);

    public Task<IReadOnlyList<ActionItem>> ListOverdueActionItemsAsync(DateOnly today, DateTimeOffset remindedBefore, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return QueryActionItemsAsync(
            OverdueActionItems,
            new { Done = false, Today = ActionItemRow.FormatDate(today), RemindedBefore = UnixMs.From(remindedBefore), Limit = limit },
            cancellationToken);
    }

    private static readonly string ActiveStamp = $"""
        SELECT COUNT(*) AS count, COALESCE(SUM(number), 0) AS numbers, COALESCE(SUM(version), 0) AS versions,
               COALESCE(SUM(CASE WHEN headline_ts IS NULL THEN 0 ELSE 1 END), 0) AS posted
        FROM incidents
        WHERE state IN {ActiveStates.SqlList}
        """;

    public async Task<string> ActiveStampAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(ActiveStamp, cancellationToken: cancellationToken));
        await reader.ReadAsync(cancellationToken);
        return string.Join(':', Enumerable.Range(0, 4).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
    }

    public async Task<IReadOnlyList<IncidentCount>> CountIncidentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CountRow>(new CommandDefinition(CountByState, cancellationToken: cancellationToken));
        return rows.Select(r => new IncidentCount(
            StoredEnum.Parse<Severity>(r.Severity, "incidents.severity"),
            StoredEnum.Parse<IncidentState>(r.State, "incidents.state"),
            r.Count)).ToList();
    }

    public async Task<long> CountTimelineAsync(TimelineKind kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountKind, new { Kind = StoredEnum.Name(kind) }, cancellationToken: cancellationToken));
    }

    public async Task<DurationHistogram> HistogramAsync(DurationMeasure measure, IReadOnlyList<double> upperBoundsSeconds, CancellationToken cancellationToken = default)
    {
        var query = new DurationHistogramQuery(measure, upperBoundsSeconds);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await query.RunAsync(connection, cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(long number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TimelineRow>(new CommandDefinition(Timeline, new { Number = number }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken)) == 1;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A health check answers; it does not throw. The cause shows in the host's own logs of failing requests.
            return false;
        }
    }

    private async Task<IReadOnlyList<Incident>> QueryIncidentsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var incidents = await IncidentColumns.ReadAsync(connection, new CommandDefinition(sql, parameters, cancellationToken: cancellationToken), unreadable);
        return incidents.OfType<Incident>().ToList();
    }

    private async Task<IReadOnlyList<ActionItem>> QueryActionItemsAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActionItemRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToActionItem()).ToList();
    }

    private sealed class CountRow
    {
        public string Severity { get; set; } = "";
        public string State { get; set; } = "";
        public long Count { get; set; }
    }
}
