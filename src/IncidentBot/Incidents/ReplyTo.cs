using IncidentBot.Domain.Ports;

namespace IncidentBot.Incidents;

/// <summary>
/// Where the answer to a request goes when it is given after Slack was answered: the command's
/// response_url (an ephemeral message wherever the person typed it), else an ephemeral message in
/// <see cref="Channel"/>. The answer is queued in the same transaction as the request's effect, under
/// the dedup key <c>reply:&lt;request key&gt;</c>, so it is sent once, and only if the effect committed.
/// </summary>
public sealed record ReplyTo(string RequestKey, string User, Uri? ResponseUrl, string? Channel)
{
    /// <summary>Buttons: the effect shows in the headline, so only tell the clicker when nothing changed.</summary>
    public bool OnlyWhenNothingChanged { get; init; }

    public string DedupKey => "reply:" + RequestKey;

    public bool Wants(ChangeStatus status) =>
        status != ChangeStatus.Replayed && (!OnlyWhenNothingChanged || status != ChangeStatus.Changed);

    public OutboxMessage? Message(string mrkdwn, string? blocksJson = null) =>
        ResponseUrl is not null
            ? new OutboxMessage { Kind = OutboxKind.Respond, ResponseUrl = ResponseUrl.AbsoluteUri, User = User, Text = mrkdwn, BlocksJson = blocksJson, DedupKey = DedupKey }
            : Channel is not null
                ? new OutboxMessage { Kind = OutboxKind.PostEphemeral, Channel = Channel, User = User, Text = mrkdwn, BlocksJson = blocksJson, DedupKey = DedupKey }
                : null;

    /// <summary>Queues the answer inside the caller's transaction; false when there is nowhere to send it or it was queued before.</summary>
    public async Task<bool> QueueAsync(IIncidentUnitOfWork uow, string mrkdwn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(uow);
        return Message(mrkdwn) is { } message && await uow.EnqueueAsync(message, now);
    }
}
