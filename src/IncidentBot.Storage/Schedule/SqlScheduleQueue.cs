using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Schedule;

/// <summary>
/// The schedule requests queue (<c>schedule_requests</c>), filled by
/// <see cref="IIncidentUnitOfWork.RequestScheduleAsync"/> and drained by the scheduler sync worker.
/// Peeking takes no lock: a lock would end with the peek's transaction, long before the worker has
/// handled the request, so it would protect nothing. Two workers handling the same request is
/// harmless (the handler is idempotent); what must not happen is losing a request, which
/// <see cref="CompleteAsync"/> prevents by deleting only the exact request it was given.
/// </summary>
internal sealed class SqlScheduleQueue(Database database) : IScheduleQueue
{
    private const string Peek = """
        SELECT incident_number, requested_at
        FROM schedule_requests
        ORDER BY requested_at, incident_number
        LIMIT @Max
        """;

    // A request renewed since it was peeked has another requested_at (RequestScheduleAsync always
    // moves it) and stays for the next pass.
    private const string Complete = """
        DELETE FROM schedule_requests
        WHERE incident_number = @IncidentNumber AND requested_at = @RequestedAt
        """;

    public async Task<IReadOnlyList<ScheduleRequest>> PeekAsync(int max, CancellationToken cancellationToken = default)
    {
        if (max <= 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Peek, new { Max = max }, cancellationToken: cancellationToken));
        return rows.Select(r => new ScheduleRequest(r.IncidentNumber, UnixMs.To(r.RequestedAt))).ToList();
    }

    public Task CompleteAsync(ScheduleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return database.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
                Complete,
                new { request.IncidentNumber, RequestedAt = UnixMs.From(request.RequestedAt) },
                transaction,
                cancellationToken: cancellationToken)),
            cancellationToken);
    }

    private sealed class Row
    {
        public long IncidentNumber { get; set; }
        public long RequestedAt { get; set; }
    }
}
