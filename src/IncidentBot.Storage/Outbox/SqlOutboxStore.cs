using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Outbox;

/// <summary>
/// The delivery side of the outbox. A message is claimed by leasing it to a worker (leased_by,
/// lease_until) while it stays pending; the worker then marks it sent, failed, or due again later.
/// A worker that dies leaves a lease that simply runs out, and the message is claimed again.
/// </summary>
internal sealed class SqlOutboxStore : IOutboxStore
{
    /// <summary>Errors are kept for inspection; a Slack error body can be long.</summary>
    public const int MaxErrorLength = 2000;

    private const string Sent = """
        UPDATE outbox
        SET status = 'sent', sent_at = @Now, leased_by = NULL, lease_until = NULL
        WHERE id = @Id
        RETURNING id, incident_number
        """;

    // Deliberately no version bump: where the headline lives (its ts, and the channel id Slack
    // answered with) is delivery metadata, not a change a person made, so it must not make a
    // concurrent user's save fail. SaveAsync never overwrites either, see SqlIncidentUnitOfWork.Update.
    private const string StoreHeadline = """
        UPDATE incidents
        SET headline_ts = COALESCE(@Ts, headline_ts), channel = COALESCE(@Channel, channel)
        WHERE number = @Number
        """;

    // Attempts were counted when the message was claimed.
    private const string Retry = """
        UPDATE outbox
        SET next_attempt_at = @NotBefore, leased_by = NULL, lease_until = NULL, last_error = @Error
        WHERE id = @Id AND status = 'pending'
        """;

    // Attempts were counted at the claim; a claim that was handed back unsent does not count.
    private const string Release = """
        UPDATE outbox
        SET next_attempt_at = @NotBefore, leased_by = NULL, lease_until = NULL, last_error = @Error,
            attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
        WHERE id = @Id AND status = 'pending'
        """;

    private const string Failed = """
        UPDATE outbox
        SET status = 'failed', failed_at = @Now, leased_by = NULL, lease_until = NULL, last_error = @Error
        WHERE id = @Id
        """;

    private const string Exists = "SELECT COUNT(*) FROM outbox WHERE id = @Id";

    // A message is next for its incident when no older message of that incident is pending (leased
    // or not, due or not): a headline waiting for a retry holds back its thread replies.
    private const string IsHeadOfItsIncident = """
        (o.incident_number IS NULL OR NOT EXISTS (
            SELECT 1 FROM outbox older
            WHERE older.incident_number = o.incident_number AND older.status = 'pending' AND older.id < o.id))
        """;

    // People first: answers and headlines, then headline edits, then thread replies (reminders and
    // their like), so a declaration never waits behind a backlog in a paced channel. Within a kind, the
    // oldest due message first, by when it was queued, not by when it fell due again: a pacing hold-back
    // moves a message's due time to its turn, and ordering by that would let an incident whose reply was
    // just sent put its next one (due since it was queued) ahead, turn after turn, in a channel that stays busy.
    private static readonly string Priority =
        $"CASE o.kind WHEN '{StoredEnum.Name(OutboxKind.PostInThread)}' THEN 2 WHEN '{StoredEnum.Name(OutboxKind.UpdateHeadline)}' THEN 1 ELSE 0 END";

    // Headline edits are rendered when sent, so one sent edit carries every edit queued before it was rendered.
    private static readonly string Supersede = $"""
        UPDATE outbox
        SET status = 'sent', sent_at = @Now, leased_by = NULL, lease_until = NULL, last_error = 'coalesced'
        WHERE incident_number = @Number AND status = 'pending' AND kind = '{StoredEnum.Name(OutboxKind.UpdateHeadline)}' AND id <> @Id AND id <= @UpTo
        """;

    private static readonly string LatestEdit =
        $"SELECT MAX(id) FROM outbox WHERE incident_number = @Number AND status = 'pending' AND kind = '{StoredEnum.Name(OutboxKind.UpdateHeadline)}'";

    private readonly Database _database;
    private readonly string _claim;

    public SqlOutboxStore(Database database)
    {
        _database = database;
        // PostgreSQL: the inner SELECT locks the rows it picks and skips rows another claimer has
        // locked; a row another claimer leased and committed meanwhile is re-checked against the WHERE
        // (READ COMMITTED) and dropped. SQLite: the write transaction makes this the only claimer.
        // RETURNING has no defined order; the caller sorts.
        _claim = $"""
            UPDATE outbox
            SET leased_by = @WorkerId, lease_until = @LeaseUntil, attempts = attempts + 1
            WHERE id IN (
                SELECT o.id FROM outbox o
                WHERE o.status = 'pending'
                  AND o.next_attempt_at <= @Now
                  AND (o.lease_until IS NULL OR o.lease_until <= @Now)
                  AND {IsHeadOfItsIncident}
                ORDER BY {Priority}, o.id
                LIMIT @Max
                {database.Dialect.ForUpdateSkipLocked})
            RETURNING {OutboxRow.Columns}
            """;
    }

    public async Task<IReadOnlyList<OutboxRecord>> ClaimDueAsync(string workerId, DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (max <= 0)
        {
            return [];
        }
        var rows = await _database.InTransactionAsync(
            async (connection, transaction) => (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                _claim,
                new { WorkerId = workerId, Now = UnixMs.From(now), LeaseUntil = UnixMs.From(now + lease), Max = max },
                transaction,
                cancellationToken: cancellationToken))).ToList(),
            cancellationToken);
        return rows.OrderBy(r => r.Id).Select(r => r.ToRecord()).ToList();
    }

    public Task MarkSentAsync(long id, DateTimeOffset now, string? headlineTs, string? headlineChannel, string? headlinePermalink = null, CancellationToken cancellationToken = default) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            var sent = await connection.QuerySingleOrDefaultAsync<SentRow>(new CommandDefinition(
                Sent, new { Id = id, Now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken))
                ?? throw new InvalidOperationException($"Outbox message {id} does not exist.");
            if ((headlineTs ?? headlineChannel) is not null && sent.IncidentNumber is { } number)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    StoreHeadline, new { Ts = headlineTs, Channel = headlineChannel, Number = number }, transaction, cancellationToken: cancellationToken));
            }
            if (headlinePermalink is not null && headlineTs is not null && headlineChannel is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    SqlMessageLinks.Save, new { Channel = headlineChannel, Ts = headlineTs, Permalink = headlinePermalink }, transaction, cancellationToken: cancellationToken));
            }
            return 0;
        }, cancellationToken);

    public async Task<long?> LatestPendingEditAsync(long incidentNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LatestEdit, new { Number = incidentNumber }, cancellationToken: cancellationToken));
    }

    public Task<int> SupersedeEditsAsync(long id, long incidentNumber, long upTo, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            Supersede, new { Id = id, Number = incidentNumber, UpTo = upTo, Now = UnixMs.From(now) }, cancellationToken: cancellationToken)), cancellationToken);

    public Task RetryLaterAsync(long id, DateTimeOffset notBefore, string error, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(Retry, new { Id = id, NotBefore = UnixMs.From(notBefore), Error = Truncate(error) }, id, cancellationToken);

    public Task ReleaseAsync(long id, DateTimeOffset notBefore, string reason, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(Release, new { Id = id, NotBefore = UnixMs.From(notBefore), Error = Truncate(reason) }, id, cancellationToken);

    public Task MarkFailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default) =>
        UpdateOneAsync(Failed, new { Id = id, Now = UnixMs.From(now), Error = Truncate(error) }, id, cancellationToken);

    /// <summary>Runs one UPDATE; an unknown id is the worker's bug and is said so. (A retry of a message no longer pending changes nothing.)</summary>
    private Task UpdateOneAsync(string sql, object parameters, long id, CancellationToken cancellationToken) =>
        _database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 0
                && await connection.ExecuteScalarAsync<long>(new CommandDefinition(Exists, new { Id = id }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw new InvalidOperationException($"Outbox message {id} does not exist.");
            }
            return 0;
        }, cancellationToken);

    private sealed class SentRow
    {
        public long Id { get; set; }
        public long? IncidentNumber { get; set; }
    }

    private static string Truncate(string? error) =>
        error is null ? "" : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
