using Dapper;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>Alerts' checks and silences; the transaction is the incident store's, with the alert operations added.</summary>
internal sealed class SqlAlertStore(Database database, UnreadableRows unreadable) : IAlertStore
{
    private const string Silences = $"""
        SELECT {SqlIncidentUnitOfWork.SilenceColumns}
        FROM alert_silences
        WHERE COALESCE(ended_at, ends_at) >= @Since
        ORDER BY id DESC
        """;

    public Task<T> ExecuteAsync<T>(Func<IAlertUnitOfWork, Task<T>> work, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(
            (connection, transaction) => work(new SqlIncidentUnitOfWork(connection, transaction, database.Dialect, unreadable, cancellationToken)),
            cancellationToken);

    public async Task<IReadOnlyList<AlertSilence>> ListSilencesAsync(DateTimeOffset now, TimeSpan expiredWithin, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertSilenceRow>(new CommandDefinition(Silences, new { Since = UnixMs.From(now - expiredWithin) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSilence()).ToList();
    }

    public async Task<IReadOnlyList<AlertCheck>> ChecksOfAsync(long incidentNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AlertCheckRow>(new CommandDefinition(SqlIncidentUnitOfWork.ChecksOf, new { Number = incidentNumber }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCheck()).ToList();
    }
}
