namespace IncidentBot.Domain.Ports;

/// <summary>What a channel's pacing allows now: how many posts may go, and when the channel is free again.</summary>
/// <param name="Granted">Posts that may be sent now (each took a token).</param>
/// <param name="Tokens">Tokens left after the grant; the next one is whole after (1 - Tokens) / rate seconds.</param>
/// <param name="PausedUntil">Set while Slack asked to wait (429 Retry-After): nothing goes into the channel before.</param>
public readonly record struct PacingGrant(int Granted, double Tokens, DateTimeOffset? PausedUntil);

/// <summary>
/// One token bucket per Slack channel, kept in the database so every replica draws from the same one:
/// Slack allows about one message per second per channel, with short bursts, whoever sends them.
/// </summary>
public interface IChannelPacing
{
    /// <summary>Takes up to <paramref name="wanted"/> tokens (0 only asks whether the channel is paused).</summary>
    Task<PacingGrant> TakeAsync(string channel, int wanted, DateTimeOffset now, double perSecond, int burst, CancellationToken cancellationToken = default);

    /// <summary>Slack answered 429: nothing goes into <paramref name="channel"/> before <paramref name="until"/> (a shorter pause never cuts a longer one).</summary>
    Task PauseAsync(string channel, DateTimeOffset until, CancellationToken cancellationToken = default);
}
