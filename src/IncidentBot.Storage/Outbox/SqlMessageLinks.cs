using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Outbox;

/// <summary>The <c>message_links</c> table (written by <see cref="SqlOutboxStore.MarkSentAsync"/>).</summary>
internal sealed class SqlMessageLinks(Database database) : IMessageLinks
{
    private const string Find = "SELECT permalink FROM message_links WHERE channel = @Channel AND ts = @Ts";

    /// <summary>Run by the outbox in the transaction that marks the headline sent.</summary>
    public const string Save = """
        INSERT INTO message_links (channel, ts, permalink) VALUES (@Channel, @Ts, @Permalink)
        ON CONFLICT (channel, ts) DO UPDATE SET permalink = excluded.permalink
        """;

    public async Task<string?> FindAsync(string channel, string ts, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(Find, new { Channel = channel, Ts = ts }, cancellationToken: cancellationToken));
    }
}
