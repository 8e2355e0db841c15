using System.Globalization;
using Dapper;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage.Incidents;

namespace IncidentBot.Storage.Schedule;

/// <summary>
/// The schedule requests queue (<c>schedule_requests</c>), filled by
/// <see cref="IIncidentUnitOfWork.RequestScheduleAsync"/> and drained by the scheduler sync worker,
/// and the record of what that worker put into Hangfire (<c>scheduled_jobs</c>: job name, due, Hangfire's job id). A request is leased to
/// one worker at a time (<c>SKIP LOCKED</c> on PostgreSQL, the write lock on SQLite), so two replicas
/// never apply plans for one incident out of order; completing it records the new schedule and
/// removes the request, unless a change renewed it meanwhile (then it is released for another pass).
/// </summary>
internal sealed class SqlScheduleQueue : IScheduleQueue
{
    private const string ReleaseRenewed = """
        UPDATE schedule_requests SET leased_by = NULL, lease_until = NULL
        WHERE incident_number = @IncidentNumber AND leased_by = @WorkerId
        """;

    // A request renewed since it was claimed has another requested_at (RequestScheduleAsync always
    // moves it) and is released instead.
    private const string Complete = """
        DELETE FROM schedule_requests
        WHERE incident_number = @IncidentNumber AND requested_at = @RequestedAt AND leased_by = @WorkerId
        """;

    private const string Forget = "DELETE FROM scheduled_jobs WHERE incident_number = @IncidentNumber";

    private const string Record = "INSERT INTO scheduled_jobs (incident_number, job, due_at, job_id) VALUES (@IncidentNumber, @Job, @DueAt, @JobId)";

    // A renewal must change requested_at even when it comes within the same millisecond (or from a
    // host whose clock is behind): CompleteAsync deletes a request only if requested_at is still the
    // one it claimed, so an unchanged value would let a worker that read the incident before this
    // change delete the request for it. Hence "the later of the new time and the old one + 1 ms".
    private const string Renew = """

        ON CONFLICT (incident_number) DO UPDATE SET requested_at =
            CASE WHEN excluded.requested_at > schedule_requests.requested_at
                 THEN excluded.requested_at
                 ELSE schedule_requests.requested_at + 1 END
        """;

    /// <summary>Requests a pass for one incident (<c>@IncidentNumber</c>, <c>@RequestedAt</c>), or renews its pending request.</summary>
    internal const string RequestOne = """
        INSERT INTO schedule_requests (incident_number, requested_at)
        VALUES (@IncidentNumber, @RequestedAt)
        """ + Renew;

    // Everything that can still have a reminder of any kind: active incidents, and resolved ones
    // (postmortem reminders). Closed and cancelled ones have nothing left to chase.
    private const string RequestEverything = """
        INSERT INTO schedule_requests (incident_number, requested_at)
        SELECT number, @RequestedAt FROM incidents WHERE state NOT IN ('Closed', 'Cancelled')
        """ + Renew;

    // Active incidents always owe an update, so a schedule with nothing recorded and nothing pending
    // means a pass went wrong somewhere (a job that failed, a store that was wiped).
    private static readonly string NothingRecorded = $"""
        SELECT i.number FROM incidents i
        WHERE i.state IN {ActiveStates.SqlList}
          AND NOT EXISTS (SELECT 1 FROM scheduled_jobs s WHERE s.incident_number = i.number)
          AND NOT EXISTS (SELECT 1 FROM schedule_requests r WHERE r.incident_number = i.number)
        LIMIT 1000
        """;

    private readonly Database _database;
    private readonly string _claim;

    public SqlScheduleQueue(Database database)
    {
        _database = database;
        _claim = $"""
            UPDATE schedule_requests
            SET leased_by = @WorkerId, lease_until = @LeaseUntil
            WHERE incident_number IN (
                SELECT r.incident_number FROM schedule_requests r
                WHERE r.lease_until IS NULL OR r.lease_until <= @Now
                ORDER BY r.requested_at, r.incident_number
                LIMIT @Max
                {database.Dialect.ForUpdateSkipLocked})
            RETURNING incident_number, requested_at
            """;
    }

    public async Task<IReadOnlyList<ScheduleRequest>> ClaimAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (max <= 0)
        {
            return [];
        }
        var rows = await _database.InTransactionAsync(
            async (connection, transaction) => (await connection.QueryAsync<Row>(new CommandDefinition(
                _claim,
                new { WorkerId = workerId, Now = UnixMs.From(now), LeaseUntil = UnixMs.From(now + lease), Max = max },
                transaction,
                cancellationToken: cancellationToken))).ToList(),
            cancellationToken);
        return rows.OrderBy(r => r.RequestedAt).ThenBy(r => r.IncidentNumber).Select(r => new ScheduleRequest(r.IncidentNumber, UnixMs.To(r.RequestedAt))).ToList();
    }

    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, ScheduledJob>>> ScheduledAsync(IReadOnlyCollection<long> incidentNumbers, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<long, IReadOnlyDictionary<string, ScheduledJob>>();
        if (incidentNumbers.Count == 0)
        {
            return result;
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT incident_number, job, due_at, job_id FROM scheduled_jobs WHERE incident_number IN ({InList(incidentNumbers)})",
            cancellationToken: cancellationToken));
        foreach (var group in rows.GroupBy(r => r.IncidentNumber))
        {
            result[group.Key] = group.ToDictionary(r => r.Job, r => new ScheduledJob(UnixMs.To(r.DueAt), r.JobId), StringComparer.Ordinal);
        }
        return result;
    }

    public Task CompleteAsync(string workerId, IReadOnlyList<PlannedSchedule> outcomes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        if (outcomes.Count == 0)
        {
            return Task.CompletedTask;
        }
        return _database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var outcome in outcomes)
            {
                var number = outcome.Request.IncidentNumber;
                await connection.ExecuteAsync(new CommandDefinition(Forget, new { IncidentNumber = number }, transaction, cancellationToken: cancellationToken));
                if (outcome.Scheduled.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        Record,
                        outcome.Scheduled.Select(j => new { IncidentNumber = number, Job = j.Key, DueAt = UnixMs.From(j.Value.DueAt), j.Value.JobId }).ToList(),
                        transaction,
                        cancellationToken: cancellationToken));
                }
                var request = new { IncidentNumber = number, RequestedAt = UnixMs.From(outcome.Request.RequestedAt), WorkerId = workerId };
                if (await connection.ExecuteAsync(new CommandDefinition(Complete, request, transaction, cancellationToken: cancellationToken)) == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(ReleaseRenewed, request, transaction, cancellationToken: cancellationToken));
                }
            }
            return 0;
        }, cancellationToken);
    }

    public Task ReleaseAsync(string workerId, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(
            connection => connection.ExecuteAsync(new CommandDefinition(
                "UPDATE schedule_requests SET leased_by = NULL, lease_until = NULL WHERE leased_by = @WorkerId",
                new { WorkerId = workerId },
                cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<int> RequestAllAsync(DateTimeOffset now, bool forgetRecorded = false, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            if (forgetRecorded)
            {
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM scheduled_jobs", transaction: transaction, cancellationToken: cancellationToken));
            }
            return await connection.ExecuteAsync(new CommandDefinition(RequestEverything, new { RequestedAt = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    public async Task<IReadOnlyList<(long IncidentNumber, string JobId)>> RecordedJobIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            "SELECT incident_number, job, due_at, job_id FROM scheduled_jobs WHERE job_id IS NOT NULL",
            cancellationToken: cancellationToken));
        return rows.Select(r => (r.IncidentNumber, r.JobId!)).ToList();
    }

    public async Task<IReadOnlyList<long>> RepairAsync(IReadOnlyCollection<long> lost, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var numbers = await _database.InTransactionAsync(async (connection, transaction) =>
        {
            var found = lost
                .Concat(await connection.QueryAsync<long>(new CommandDefinition(NothingRecorded, transaction: transaction, cancellationToken: cancellationToken)))
                .Distinct()
                .ToList();
            foreach (var number in found)
            {
                await connection.ExecuteAsync(new CommandDefinition(Forget, new { IncidentNumber = number }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(RequestOne, new { IncidentNumber = number, RequestedAt = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));
            }
            return found;
        }, cancellationToken);
        return numbers;
    }

    /// <summary>Numbers inlined (they are longs, not input), the same on both databases.</summary>
    private static string InList(IEnumerable<long> numbers) => string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private sealed class Row
    {
        public long IncidentNumber { get; set; }
        public long RequestedAt { get; set; }
    }

    private sealed class JobRow
    {
        public long IncidentNumber { get; set; }
        public string Job { get; set; } = "";
        public long DueAt { get; set; }

        public string? JobId { get; set; }
    }
}
