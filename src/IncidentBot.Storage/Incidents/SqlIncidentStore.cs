using Dapper;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>Incidents and their timelines over Dapper; the same SQL for PostgreSQL and SQLite.</summary>
internal sealed class SqlIncidentStore(Database database) : IIncidentStore
{
    private const string Find = $"""
        SELECT {IncidentRow.Columns}
        FROM incidents
        WHERE number = @Number
        """;

    // Severity names sort the way severities do (P0 < P1 < P2 < P3); number breaks ties stably.
    private static readonly string ListActive = $"""
        SELECT {IncidentRow.Columns}
        FROM incidents
        WHERE state IN {ActiveStates.SqlList}
        ORDER BY severity, declared_at, number
        LIMIT @Limit
        """;

    private const string Timeline = """
        SELECT incident_number, at, actor, kind, text, old_value, new_value
        FROM timeline
        WHERE incident_number = @Number
        ORDER BY at, id
        """;

    /// <summary>
    /// On PostgreSQL a deadlock or serialisation failure, and on SQLite a busy file that outlasted
    /// busy_timeout, rolls the transaction back and runs <paramref name="work"/> again (at most
    /// <see cref="Database.MaxRetries"/> times): build everything the work decides on inside it.
    /// </summary>
    public Task<T> ExecuteAsync<T>(Func<IIncidentUnitOfWork, Task<T>> work, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(
            (connection, transaction) => work(new SqlIncidentUnitOfWork(connection, transaction, database.Dialect, cancellationToken)),
            cancellationToken);

    public async Task<Incident?> FindAsync(long number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(Find, new { Number = number }, cancellationToken: cancellationToken));
        return row?.ToIncident();
    }

    public async Task<IReadOnlyList<Incident>> ListActiveAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IncidentRow>(new CommandDefinition(ListActive, new { Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToIncident()).ToList();
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
}
