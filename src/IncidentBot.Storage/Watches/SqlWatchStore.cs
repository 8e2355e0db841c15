using System.Text.Json;
using Dapper;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;

namespace IncidentBot.Storage.Watches;

/// <summary>Watches' state (one row per watch) and the dbt runs kept for the phantom-success rules.</summary>
internal sealed class SqlWatchStore(Database database) : IWatchStore
{
    private const string Columns = "name, period, last_run_at, last_result, newest_load, last_error, consecutive_failures, warned, runs";

    private const string Claim = """
        INSERT INTO watch_states (name, period, last_run_at, consecutive_failures, warned, runs)
        VALUES (@Name, @Period, @Now, 0, @No, 1)
        ON CONFLICT (name) DO UPDATE SET period = excluded.period, last_run_at = excluded.last_run_at, runs = watch_states.runs + 1
        WHERE watch_states.period < excluded.period
        """;

    private const string Reading = """
        UPDATE watch_states
        SET last_result = @Result, newest_load = @NewestLoad, last_error = NULL, consecutive_failures = 0, warned = @No, last_run_at = @Now
        WHERE name = @Name AND period = @Period
        """;

    private const string Failure = """
        UPDATE watch_states
        SET last_result = @Result, last_error = @Error, consecutive_failures = @Failures, warned = @Warned, last_run_at = @Now
        WHERE name = @Name AND period = @Period
        """;

    private const string SaveRun = """
        INSERT INTO dbt_runs (job, run_id, finished_at, duration_ms, models)
        VALUES (@Job, @RunId, @FinishedAt, @DurationMs, @Models)
        ON CONFLICT (job, run_id) DO NOTHING
        """;

    private const string RunsBefore = """
        SELECT job, run_id, finished_at, duration_ms, models
        FROM dbt_runs
        WHERE job = @Job AND run_id <> @RunId AND finished_at <= @Before
        ORDER BY finished_at DESC
        LIMIT @Limit
        """;

    public Task<bool> ClaimAsync(string name, long period, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async c => await c.ExecuteAsync(new CommandDefinition(Claim, new { Name = name, Period = period, Now = UnixMs.From(now), No = false }, cancellationToken: cancellationToken)) == 1, cancellationToken);

    public Task RecordReadingAsync(string name, long period, WatchResult result, DateTimeOffset newestLoad, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(c => c.ExecuteAsync(new CommandDefinition(Reading, new
        {
            Name = name,
            Period = period,
            Result = StoredEnum.Name(result),
            NewestLoad = UnixMs.From(newestLoad),
            Now = UnixMs.From(now),
            No = false,
        }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<WatchState> RecordFailureAsync(string name, long period, string error, DateTimeOffset now, int warnAfter, OutboxMessage warning, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<WatchStateRow>(new CommandDefinition(
                $"SELECT {Columns} FROM watch_states WHERE name = @Name {database.Dialect.ForUpdate}", new { Name = name }, transaction, cancellationToken: cancellationToken));
            if (row is null || row.Period != period)
            {
                // A later period was claimed meanwhile: its run reports, not this one.
                return row?.ToState() ?? new WatchState { Name = name };
            }
            var failures = row.ConsecutiveFailures + 1;
            var warn = failures >= warnAfter && !row.Warned;
            if (warn)
            {
                await connection.ExecuteAsync(new CommandDefinition(Incidents.SqlIncidentUnitOfWork.Enqueue, new
                {
                    warning.IncidentNumber,
                    Kind = StoredEnum.Name(warning.Kind),
                    warning.Channel,
                    UserId = warning.User,
                    warning.Text,
                    warning.BlocksJson,
                    warning.Broadcast,
                    warning.DedupKey,
                    warning.ResponseUrl,
                    Now = UnixMs.From(now),
                }, transaction, cancellationToken: cancellationToken));
            }
            var warned = row.Warned || warn;
            await connection.ExecuteAsync(new CommandDefinition(Failure, new
            {
                Name = name,
                Period = period,
                Result = StoredEnum.Name(WatchResult.Failed),
                Error = error,
                Failures = failures,
                Warned = warned,
                Now = UnixMs.From(now),
            }, transaction, cancellationToken: cancellationToken));
            return row.ToState() with { LastResult = WatchResult.Failed, LastError = error, ConsecutiveFailures = failures, Warned = warned, LastRunAt = now };
        }, cancellationToken);

    public async Task<IReadOnlyList<WatchState>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WatchStateRow>(new CommandDefinition($"SELECT {Columns} FROM watch_states ORDER BY name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToState()).ToList();
    }

    public Task SaveRunAsync(DbtRun run, CancellationToken cancellationToken = default) =>
        database.WriteAsync(c => c.ExecuteAsync(new CommandDefinition(SaveRun, new
        {
            run.Job,
            run.RunId,
            FinishedAt = UnixMs.From(run.FinishedAt),
            DurationMs = run.Duration is { } d ? (long?)(long)d.TotalMilliseconds : null,
            Models = run.Models is { } m ? JsonSerializer.Serialize(m) : null,
        }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<DbtRun>> RunsBeforeAsync(string job, string runId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DbtRunRow>(new CommandDefinition(RunsBefore, new { Job = job, RunId = runId, Before = UnixMs.From(before), Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRun()).ToList();
    }
}

internal sealed class WatchStateRow
{
    public string Name { get; set; } = "";
    public long Period { get; set; }
    public long? LastRunAt { get; set; }
    public string? LastResult { get; set; }
    public long? NewestLoad { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }
    public bool Warned { get; set; }
    public int Runs { get; set; }

    public WatchState ToState() => new()
    {
        Name = Name,
        Period = Period,
        LastRunAt = UnixMs.To(LastRunAt),
        LastResult = LastResult is null ? null : StoredEnum.Parse<WatchResult>(LastResult, "watch_states.last_result"),
        NewestLoad = UnixMs.To(NewestLoad),
        LastError = LastError,
        ConsecutiveFailures = ConsecutiveFailures,
        Warned = Warned,
        Runs = Runs,
    };
}

internal sealed class DbtRunRow
{
    public string Job { get; set; } = "";
    public string RunId { get; set; } = "";
    public long FinishedAt { get; set; }
    public long? DurationMs { get; set; }
    public string? Models { get; set; }

    public DbtRun ToRun() => new(
        Job,
        RunId,
        UnixMs.To(FinishedAt),
        DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        Models is null ? null : JsonSerializer.Deserialize<List<string>>(Models));
}
