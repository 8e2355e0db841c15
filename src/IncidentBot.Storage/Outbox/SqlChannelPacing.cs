using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Outbox;

/// <summary>
/// The channel token buckets as rows: a take locks the channel's row (<c>FOR UPDATE</c> on PostgreSQL,
/// the write lock on SQLite), refills it for the time since it was last touched, and takes what it may,
/// so replicas drawing from one channel together never exceed its pace.
/// </summary>
internal sealed class SqlChannelPacing(Database database) : IChannelPacing
{
    private const string Ensure = """
        INSERT INTO channel_pacing (channel, tokens, refilled_at, paused_until)
        VALUES (@Channel, @Burst, @Now, 0)
        ON CONFLICT (channel) DO NOTHING
        """;

    private const string Store = "UPDATE channel_pacing SET tokens = @Tokens, refilled_at = @RefilledAt WHERE channel = @Channel";

    private const string Pause = "UPDATE channel_pacing SET paused_until = @Until WHERE channel = @Channel AND paused_until < @Until";

    private readonly string _select = $"SELECT tokens, refilled_at, paused_until FROM channel_pacing WHERE channel = @Channel {database.Dialect.ForUpdate}";

    public Task<PacingGrant> TakeAsync(string channel, int wanted, DateTimeOffset now, double perSecond, int burst, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        var nowMs = UnixMs.From(now);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(Ensure, new { Channel = channel, Burst = (double)burst, Now = nowMs }, transaction, cancellationToken: cancellationToken));
            var row = await connection.QuerySingleAsync<BucketRow>(new CommandDefinition(_select, new { Channel = channel }, transaction, cancellationToken: cancellationToken));
            // A replica whose clock is behind the last toucher's adds nothing and moves nothing back.
            var refilledAt = Math.Max(row.RefilledAt, nowMs);
            var tokens = Math.Min(burst, row.Tokens + Math.Max(0, nowMs - row.RefilledAt) / 1000.0 * perSecond);
            var paused = row.PausedUntil > nowMs ? UnixMs.To(row.PausedUntil) : (DateTimeOffset?)null;
            var granted = paused is null ? Math.Min(Math.Max(0, wanted), (int)Math.Floor(tokens)) : 0;
            tokens -= granted;
            await connection.ExecuteAsync(new CommandDefinition(Store, new { Channel = channel, Tokens = tokens, RefilledAt = refilledAt }, transaction, cancellationToken: cancellationToken));
            return new PacingGrant(granted, tokens, paused);
        }, cancellationToken);
    }

    public Task PauseAsync(string channel, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var untilMs = UnixMs.From(until);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(Ensure, new { Channel = channel, Burst = 0.0, Now = untilMs }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(Pause, new { Channel = channel, Until = untilMs }, transaction, cancellationToken: cancellationToken));
        }, cancellationToken);
    }

    private sealed class BucketRow
    {
        public double Tokens { get; set; }
        public long RefilledAt { get; set; }
        public long PausedUntil { get; set; }
    }
}
