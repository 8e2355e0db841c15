using System.Text.Json.Nodes;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;
using IncidentBot.Slack;

namespace IncidentBot.Outbox;

/// <summary>The result of one delivery attempt; for a headline, where it landed.</summary>
public sealed record DeliveryOutcome(SlackApiResult Result, string? HeadlineTs = null, string? HeadlineChannel = null);

/// <summary>
/// Sends one outbox message. Headlines are rendered here, from the incident as it is at sending
/// time, so a burst of changes ends with the headline showing the latest state. Thread replies go
/// under the headline's ts, which the outbox's per-incident ordering guarantees is known by then.
/// </summary>
public sealed class SlackDelivery(IServiceProvider services, IIncidentStore store, IncidentMessages messages, TimeProvider time)
{
    public async Task<DeliveryOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SlackWebApiClient>();
        if (message.Kind == OutboxKind.PostEphemeral)
        {
            return new(await client.PostEphemeralAsync(message.Channel!, message.User!, message.Text ?? "", Blocks(message), cancellationToken));
        }
        if (message.Kind == OutboxKind.Respond)
        {
            return Uri.TryCreate(message.ResponseUrl, UriKind.Absolute, out var url)
                ? new(await client.RespondAsync(url, message.Text ?? "", Blocks(message), cancellationToken))
                : new(Permanent("invalid_response_url"));
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
                var headline = messages.Headline(incident, time.GetUtcNow());
                var result = await client.PostMessageAsync(message.Channel ?? incident.Channel, headline.Text, headline.Blocks, ct: cancellationToken);
                return new(result, result.Ts, result.Channel);
            }
            case OutboxKind.UpdateHeadline:
            {
                if (incident.HeadlineTs is null)
                {
                    return new(Permanent("headline_never_posted"));
                }
                var headline = messages.Headline(incident, time.GetUtcNow());
                return new(await client.UpdateMessageAsync(incident.Channel, incident.HeadlineTs, headline.Text, headline.Blocks, cancellationToken));
            }
            case OutboxKind.PostInThread:
                // Without a headline (its post failed for good) the reply still reaches the channel.
                return new(await client.PostMessageAsync(incident.Channel, message.Text ?? "", Blocks(message), incident.HeadlineTs, message.Broadcast && incident.HeadlineTs is not null, cancellationToken));
            default:
                return new(Permanent("unknown_kind"));
        }
    }

    private static JsonArray? Blocks(OutboxMessage message) =>
        message.BlocksJson is { Length: > 0 } json ? JsonNode.Parse(json) as JsonArray : null;

    private static SlackApiResult Permanent(string error) => new(false, error, SlackFailureKind.Permanent, null, null, null, null);
}
