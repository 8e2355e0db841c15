namespace IncidentBot.Domain.Ports;

/// <summary>Links to the bot's messages (an incident's thread), kept once Slack gave them, so reads never ask Slack.</summary>
public interface IMessageLinks
{
    Task<string?> FindAsync(string channel, string ts, CancellationToken cancellationToken = default);

    Task SaveAsync(string channel, string ts, string permalink, CancellationToken cancellationToken = default);
}
