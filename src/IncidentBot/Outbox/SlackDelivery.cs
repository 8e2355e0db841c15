using System.Text.Json.Nodes;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Outbox;

/// <summary>The result of one delivery attempt; for a headline, where it landed.</summary>
public sealed record DeliveryOutcome(SlackApiResult Result, string? HeadlineTs = null, string? HeadlineChannel = null);

/// <summary>
/// Sends one outbox message. Headlines are rendered here, from the incident as it is at sending
/// time, so a burst of changes ends with the headline showing the latest state. Thread replies go
/// under the headline's ts, which the outbox's per-incident ordering guarantees is known by then.
/// A post carries its dedup key as message metadata; one whose earlier attempt may have reached Slack
/// is looked for in the channel's history first, and adopted when found (<see cref="MessageMetadata"/>).
/// </summary>
public sealed class SlackDelivery(IServiceProvider services, IIncidentStore store, IncidentMessages messages, ChannelDirectory channels, UserNames names, TimeProvider time, ILogger<SlackDelivery> logger)
{
    /// <summary>How far before the message was queued its history lookup starts (clock skew between the bot and Slack).</summary>
    private static readonly TimeSpan LookBack = TimeSpan.FromMinutes(1);

    public async Task<DeliveryOutcome> SendAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var message = record.Message;
        var text = await names.ResolveAsync(message.Text ?? "", cancellationToken) ?? "";
        var blocks = await BlocksAsync(message, cancellationToken);
        var client = services.GetRequiredService<SlackWebApiClient>();
        if (message.Kind == OutboxKind.PostEphemeral)
        {
            return new(await client.PostEphemeralAsync(message.Channel!, message.User!, text, blocks, cancellationToken));
        }
        if (message.Kind == OutboxKind.Respond)
        {
            return Uri.TryCreate(message.ResponseUrl, UriKind.Absolute, out var url)
                ? new(await client.RespondAsync(url, text, blocks, cancellationToken))
                : new(Permanent("invalid_response_url"));
        }
        if (message.Kind == OutboxKind.PostInChannel)
        {
            var target = channels.Canonical(message.Channel!);
            return new(await FindEarlierAttemptAsync(client, record, target, null, cancellationToken)
                ?? await client.PostMessageAsync(target, text, blocks, ct: cancellationToken, metadata: MessageMetadata.For(Key(record))));
        }
        var incident = message.IncidentNumber is { } number ? await store.FindAsync(number, cancellationToken) : null;
        if (incident is null)
        {
            return new(Permanent("incident_not_found"));
        }
        switch (message.Kind)
        {
            case OutboxKind.PostHeadline:
            {
                if (incident.HeadlineTs is not null)
                {
                    return new(new SlackApiResult(true, null, SlackFailureKind.None, null, incident.HeadlineTs, incident.Channel, null), incident.HeadlineTs, incident.Channel);
                }
                var channel = message.Channel ?? incident.Channel;
                if (await FindEarlierAttemptAsync(client, record, channel, null, cancellationToken) is { } found)
                {
                    return new(found, found.Ts, found.Channel);
                }
                var headline = await HeadlineAsync(incident, cancellationToken);
                var result = await client.PostMessageAsync(channel, headline.Text, headline.Blocks, ct: cancellationToken, metadata: MessageMetadata.For(Key(record)));
                return new(result, result.Ts, result.Channel);
            }
            case OutboxKind.UpdateHeadline:
            {
                if (incident.HeadlineTs is null)
                {
                    return new(Permanent("headline_never_posted"));
                }
                var headline = await HeadlineAsync(incident, cancellationToken);
                return new(await client.UpdateMessageAsync(incident.Channel, incident.HeadlineTs, headline.Text, headline.Blocks, cancellationToken));
            }
            case OutboxKind.PostInThread:
            {
                if (await FindEarlierAttemptAsync(client, record, incident.Channel, incident.HeadlineTs, cancellationToken) is { } found)
                {
                    return new(found);
                }
                // Without a headline (its post failed for good) the reply still reaches the channel.
                return new(await client.PostMessageAsync(incident.Channel, text, blocks, incident.HeadlineTs, message.Broadcast && incident.HeadlineTs is not null, cancellationToken, MessageMetadata.For(Key(record))));
            }
            default:
                return new(Permanent("unknown_kind"));
        }
    }

    /// <summary>The key a post carries in its metadata: its dedup key, else the outbox row's identity.</summary>
    public static string Key(OutboxRecord record) => record.Message.DedupKey ?? $"outbox/{record.Id}";

    /// <summary>
    /// An attempt before this one was claimed and not handed back (a crash, a timeout), so Slack may have
    /// the post already: look for it. A failed lookup is logged and the post goes ahead (never lose a message).
    /// </summary>
    private async Task<SlackApiResult?> FindEarlierAttemptAsync(SlackWebApiClient client, OutboxRecord record, string channel, string? threadTs, CancellationToken cancellationToken)
    {
        if (record.Attempts <= 1)
        {
            return null;
        }
        if (!channels.TryGetId(channel, out var channelId))
        {
            logger.LogWarning("Cannot look for an earlier attempt of message {Id} in {Channel} by name; posting it again. Set Incidents:Channel to the channel id.", record.Id, channel);
            return null;
        }
        var (ts, failure) = await MessageMetadata.FindAsync(client, channelId, threadTs, Key(record), record.CreatedAt - LookBack, cancellationToken);
        if (failure is not null)
        {
            logger.LogWarning("Looking for an earlier attempt of message {Id} failed ({Error}); posting it again", record.Id, failure.Error);
            return null;
        }
        if (ts is null)
        {
            return null;
        }
        logger.LogInformation("Message {Id} had reached Slack before (ts {Ts}); not posting it again", record.Id, ts);
        return new SlackApiResult(true, null, SlackFailureKind.None, null, ts, channelId, null);
    }

    /// <summary>The headline as the incident is now, with people's names filled in.</summary>
    private async Task<SlackMessage> HeadlineAsync(Domain.Incident incident, CancellationToken cancellationToken)
    {
        var headline = messages.Headline(incident, time.GetUtcNow());
        await names.ResolveInPlaceAsync(headline.Blocks, cancellationToken);
        return headline with { Text = await names.ResolveAsync(headline.Text, cancellationToken) ?? "" };
    }

    /// <summary>The stored blocks, with people's names filled in (see <see cref="UserNames"/>).</summary>
    private async Task<JsonArray?> BlocksAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var blocks = message.BlocksJson is { Length: > 0 } json ? JsonNode.Parse(json) as JsonArray : null;
        await names.ResolveInPlaceAsync(blocks, cancellationToken);
        return blocks;
    }

    private static SlackApiResult Permanent(string error) => new(false, error, SlackFailureKind.Permanent, null, null, null, null);
}
