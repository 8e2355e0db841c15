namespace IncidentBot.Domain.Ports;

/// <summary>What a queued message does in Slack.</summary>
public enum OutboxKind
{
    /// <summary>chat.postMessage of the incident's headline; the worker stores the returned ts on the incident.</summary>
    PostHeadline,

    /// <summary>chat.update of the headline, rendered from the incident as it is when the message is sent.</summary>
    UpdateHeadline,

    /// <summary>chat.postMessage into the headline's thread (text and blocks rendered when queued).</summary>
    PostInThread,

    /// <summary>chat.postEphemeral to one user in a channel.</summary>
    PostEphemeral,

    /// <summary>
    /// The answer to a slash command, POSTed to the command's <c>response_url</c> (seen only by the
    /// person who typed it, in the channel where they typed it, whether or not the bot is a member).
    /// </summary>
    Respond,

    /// <summary>chat.postMessage into <see cref="OutboxMessage.Channel"/>, about no incident (a watch that keeps failing).</summary>
    PostInChannel,
}

/// <summary>
/// A message to send to Slack, written in the same transaction as the change that caused it and
/// delivered later by the outbox worker.
/// </summary>
public sealed record OutboxMessage
{
    public long? IncidentNumber { get; init; }
    public required OutboxKind Kind { get; init; }
    public string? Channel { get; init; }
    public string? User { get; init; }
    public string? Text { get; init; }

    /// <summary>Block Kit JSON array, or null.</summary>
    public string? BlocksJson { get; init; }

    /// <summary>Thread replies only: also show in the channel (reply_broadcast).</summary>
    public bool Broadcast { get; init; }

    /// <summary>Optional: a second message with the same key is not queued (e.g. "INC-4/reminder/17").</summary>
    public string? DedupKey { get; init; }

    /// <summary><see cref="OutboxKind.Respond"/> only: where to POST the answer.</summary>
    public string? ResponseUrl { get; init; }
}

/// <summary>A queued message as the worker sees it.</summary>
public sealed record OutboxRecord
{
    public long Id { get; init; }
    public required OutboxMessage Message { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
