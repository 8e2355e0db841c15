namespace IncidentBot.Domain.Ports;

/// <summary>Links to the bot's messages (an incident's thread), kept once Slack gave them, so reads never ask Slack.</summary>
public interface IMessageLinks
{
    /// <summary>The permalink stored when the message was posted (see <see cref="IOutboxStore.MarkSentAsync"/>), or null.</summary>
    Task<string?> FindAsync(string channel, string ts, CancellationToken cancellationToken = default);
}
