using System.Text;
using System.Threading.Channels;
using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Inbox;

/// <summary>
/// The inbox over Dapper. Claiming leases items to a worker the way the outbox does (<c>FOR UPDATE
/// SKIP LOCKED</c> on PostgreSQL, the write lock on SQLite), so two replicas never work on the same
/// request.
/// <para>Admitting is the request path's only write, so it is grouped: requests that arrive while a
/// write is in flight wait for the next one, and all of them go into the database as one multi-row
/// INSERT (one statement, one commit, one fsync), after which each caller learns whether its row was
/// new. Under load a request waits for at most two such writes; alone it waits for one.</para>
/// </summary>
internal sealed class SqlInbox : IInbox, IAsyncDisposable
{
    public const int MaxErrorLength = 2000;

    /// <summary>Rows per admitting INSERT (5 parameters each, far below either database's limit).</summary>
    public const int MaxAdmitBatch = 200;

    private readonly Channel<Admission> _admissions = Channel.CreateUnbounded<Admission>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _admitter;

    private const string Done = """
        UPDATE inbox
        SET status = 'done', finished_at = @Now, leased_by = NULL, lease_until = NULL
        WHERE id = @Id
        """;

    private const string Retry = """
        UPDATE inbox
        SET next_attempt_at = @NotBefore, leased_by = NULL, lease_until = NULL, last_error = @Error
        WHERE id = @Id AND status = 'pending'
        """;

    private const string Release = """
        UPDATE inbox
        SET leased_by = NULL, lease_until = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
        WHERE id = @Id AND status = 'pending'
        """;

    private const string Failed = """
        UPDATE inbox
        SET status = 'failed', finished_at = @Now, leased_by = NULL, lease_until = NULL, last_error = @Error
        WHERE id = @Id
        """;

    private const string PendingFor = "SELECT EXISTS (SELECT 1 FROM inbox WHERE status = 'pending' AND incident_number = @Number AND received_at <= @By)";

    // A read of all incidents waits for people's requests, not for the alerts' lane (negative numbers):
    // a flood of alerts must not hold up everyone's /incident list.
    private const string PendingAny = "SELECT EXISTS (SELECT 1 FROM inbox WHERE status = 'pending' AND received_at <= @By AND (incident_number IS NULL OR incident_number >= 0))";

    private const string PruneInbox = "DELETE FROM inbox WHERE status <> 'pending' AND finished_at < @Before";

    private const string PruneKeys = "DELETE FROM inbound_requests WHERE received_at < @Before";

    private readonly Database _database;
    private readonly string _claim;

    public SqlInbox(Database database)
    {
        _database = database;
        _admitter = new Lazy<Task>(() => Task.Run(AdmitLoopAsync), LazyThreadSafetyMode.ExecutionAndPublication);
        // As the outbox's claim: an item is next for its incident when no older item of that incident
        // is pending (leased or not), so one incident's requests are applied in the order they came.
        _claim = $"""
            UPDATE inbox
            SET leased_by = @WorkerId, lease_until = @LeaseUntil, attempts = attempts + 1
            WHERE id IN (
                SELECT i.id FROM inbox i
                WHERE i.status = 'pending'
                  AND i.next_attempt_at <= @Now
                  AND (i.lease_until IS NULL OR i.lease_until <= @Now)
                  AND (i.incident_number IS NULL OR NOT EXISTS (
                        SELECT 1 FROM inbox older
                        WHERE older.incident_number = i.incident_number AND older.status = 'pending' AND older.id < i.id))
                ORDER BY i.id
                LIMIT @Max
                {database.Dialect.ForUpdateSkipLocked})
            RETURNING {InboxRow.Columns}
            """;
    }

    /// <summary>
    /// Completes when the row is committed (or was there already). A caller that stops waiting does not
    /// take its row back: once Slack has sent a request, keeping it is the safe side.
    /// </summary>
    public Task<bool> AdmitAsync(InboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentException.ThrowIfNullOrEmpty(item.Key);
        var admission = new Admission(item);
        if (!_admissions.Writer.TryWrite(admission))
        {
            throw new ObjectDisposedException(nameof(SqlInbox), "The inbox is closed: the host is stopping.");
        }
        _ = _admitter.Value;
        return admission.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task AdmitLoopAsync()
    {
        var batch = new List<Admission>(MaxAdmitBatch);
        while (await _admissions.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxAdmitBatch && _admissions.Reader.TryRead(out var admission))
            {
                batch.Add(admission);
            }
            try
            {
                var inserted = await InsertAsync(batch);
                foreach (var admission in batch)
                {
                    // The first of several copies of one key in a batch is the one stored.
                    admission.Done.TrySetResult(inserted.Remove(admission.Item.Key));
                }
            }
            catch (Exception exception)
            {
                foreach (var admission in batch)
                {
                    admission.Done.TrySetException(exception);
                }
            }
            batch.Clear();
        }
    }

    /// <summary>One INSERT of every row; returns the keys that were new.</summary>
    private async Task<HashSet<string>> InsertAsync(List<Admission> batch)
    {
        var sql = new StringBuilder("INSERT INTO inbox (key, kind, body, incident_number, received_at, next_attempt_at) VALUES ");
        var parameters = new DynamicParameters();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var row = 0;
        foreach (var admission in batch)
        {
            var item = admission.Item;
            if (!seen.Add(item.Key))
            {
                continue;
            }
            sql.Append(row == 0 ? "" : ", ").Append($"(@k{row}, @t{row}, @b{row}, @n{row}, @r{row}, @r{row})");
            parameters.Add($"k{row}", item.Key);
            parameters.Add($"t{row}", StoredEnum.Name(item.Kind));
            parameters.Add($"b{row}", item.Body);
            parameters.Add($"n{row}", item.IncidentNumber);
            parameters.Add($"r{row}", UnixMs.From(item.ReceivedAt));
            row++;
        }
        sql.Append(" ON CONFLICT (key) DO NOTHING RETURNING key");
        var text = sql.ToString();
        var keys = await _database.WriteAsync(
            connection => connection.QueryAsync<string>(new CommandDefinition(text, parameters)),
            CancellationToken.None);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Stops taking requests; those already taken are still written.</summary>
    public async ValueTask DisposeAsync()
    {
        _admissions.Writer.TryComplete();
        if (_admitter.IsValueCreated)
        {
            await _admitter.Value;
        }
    }

    public async Task<IReadOnlyList<InboxRecord>> ClaimAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (max <= 0)
        {
            return [];
        }
        var rows = await _database.InTransactionAsync(
            async (connection, transaction) => (await connection.QueryAsync<InboxRow>(new CommandDefinition(
                _claim,
                new { WorkerId = workerId, Now = UnixMs.From(now), LeaseUntil = UnixMs.From(now + lease), Max = max },
                transaction,
                cancellationToken: cancellationToken))).ToList(),
            cancellationToken);
        return rows.OrderBy(r => r.Id).Select(r => r.ToRecord()).ToList();
    }

    public Task CompleteAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Done, new { Id = id, Now = UnixMs.From(now) }, cancellationToken);

    public Task RetryLaterAsync(long id, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Retry, new { Id = id, NotBefore = UnixMs.From(notBefore), Error = Truncate(error) }, cancellationToken);

    public Task ReleaseAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Release, new { Id = id }, cancellationToken);

    public Task FailAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Failed, new { Id = id, Now = UnixMs.From(now), Error = Truncate(error) }, cancellationToken);

    public async Task<bool> HasPendingAsync(long? incidentNumber, DateTimeOffset receivedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            incidentNumber is null ? PendingAny : PendingFor, new { Number = incidentNumber, By = UnixMs.From(receivedBy) }, cancellationToken: cancellationToken));
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            var parameters = new { Before = UnixMs.From(before) };
            var items = await connection.ExecuteAsync(new CommandDefinition(PruneInbox, parameters, transaction, cancellationToken: cancellationToken));
            var keys = await connection.ExecuteAsync(new CommandDefinition(PruneKeys, parameters, transaction, cancellationToken: cancellationToken));
            return items + keys;
        }, cancellationToken);

    private Task<int> ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)), cancellationToken);

    private static string Truncate(string? error) =>
        error is null ? "" : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

internal sealed record Admission(InboxItem Item)
{
    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One <c>inbox</c> row as the worker reads it.</summary>
internal sealed class InboxRow
{
    public const string Columns = "id, key, kind, body, incident_number, received_at, attempts";

    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Body { get; set; } = "";
    public long? IncidentNumber { get; set; }
    public long ReceivedAt { get; set; }
    public int Attempts { get; set; }

    public InboxRecord ToRecord() => new(
        Id,
        new InboxItem(Key, StoredEnum.Parse<InboxKind>(Kind, "inbox.kind"), Body, IncidentNumber, UnixMs.To(ReceivedAt)),
        Attempts);
}
