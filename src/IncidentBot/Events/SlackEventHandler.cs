using System.Globalization;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Hosting;
using IncidentBot.Slack;

namespace IncidentBot.Events;

/// <summary>
/// Events API callbacks. Slack redelivers an event up to three times when it does not see a 200
/// within 3 s; the event_id is recorded in the same transaction as the event's effect, so a
/// redelivery does nothing. Two events matter: a person's message in an incident thread (kept),
/// and a :pushpin: reaction on such a message (it goes on the incident's timeline, at the time the
/// message was written).
/// </summary>
public sealed class SlackEventHandler(IIncidentStore store, TimeProvider time, ILogger<SlackEventHandler> logger)
{
    public static readonly IReadOnlySet<string> PinReactions = new HashSet<string>(StringComparer.Ordinal) { "pushpin", "round_pushpin" };

    /// <summary>Always a 2xx for a signed event (Slack disables subscriptions that keep failing); <c>X-Slack-No-Retry</c> where a retry cannot help.</summary>
    public async Task<IResult> HandleAsync(EventEnvelope envelope, HttpContext context, CancellationToken cancellationToken)
    {
        if (envelope.Type != "event_callback")
        {
            logger.LogInformation("Ignored an event envelope of type {Type}", envelope.Type);
            return SlackApi.SlackReplies.NoRetry(context);
        }
        if (string.IsNullOrEmpty(envelope.EventId))
        {
            logger.LogWarning("Ignored an event_callback without event_id ({Type})", envelope.Event?.Type);
            return SlackApi.SlackReplies.NoRetry(context);
        }
        var slackEvent = envelope.Event;
        var outcome = await store.ExecuteAsync(async uow =>
        {
            if (!await uow.TryRecordInboundAsync("event:" + envelope.EventId, time.GetUtcNow()))
            {
                return "redelivery ignored";
            }
            return slackEvent?.Type switch
            {
                "message" => await KeepThreadMessageAsync(uow, slackEvent),
                "reaction_added" => await PinAsync(uow, slackEvent),
                _ => "not handled",
            };
        }, cancellationToken);
        logger.LogDebug("Event {EventId} ({Type}): {Outcome}", envelope.EventId, slackEvent?.Type, outcome);
        return Results.Ok();
    }

    private static async Task<string> KeepThreadMessageAsync(IIncidentUnitOfWork uow, SlackEvent message)
    {
        if (message.ThreadTs is not { Length: > 0 } thread || message.Ts is null || message.Channel is null || message.User is null
            || message.BotId is not null || message.Subtype is not (null or "thread_broadcast") || message.Ts == thread)
        {
            return "not a person's thread reply";
        }
        var incident = await uow.FindByHeadlineAsync(message.Channel, thread);
        if (incident is null)
        {
            return "not an incident thread";
        }
        // Slack sends the text escaped (&lt; for <); it is kept as the person wrote it and escaped once when shown.
        await uow.RecordThreadMessageAsync(new ThreadMessage(message.Channel, message.Ts, incident.Number, message.User, CommandText.Readable(message.Text), FromTs(message.Ts)));
        return "kept";
    }

    private async Task<string> PinAsync(IIncidentUnitOfWork uow, SlackEvent reaction)
    {
        if (reaction.Reaction is null || !PinReactions.Contains(reaction.Reaction) || reaction.ItemChannel is null || reaction.ItemTs is null || reaction.User is null)
        {
            return "not a pin";
        }
        var message = await uow.FindThreadMessageAsync(reaction.ItemChannel, reaction.ItemTs);
        if (message is null)
        {
            return "pinned message is not a kept thread reply";
        }
        var incident = await uow.LoadForUpdateAsync(message.IncidentNumber);
        if (incident is null)
        {
            return "incident gone";
        }
        incident.Note(TimelineKind.Note, message.User, $"Pinned by {reaction.User}: {Mrkdwn.Truncate(message.Text, 1000)}", message.At);
        await uow.SaveAsync(incident);
        using (logger.BeginIncidentScope(incident.Reference))
        {
            logger.LogInformation("Message {Ts} pinned to the timeline", message.Ts);
        }
        return "pinned";
    }

    /// <summary>Slack's ts is unix seconds with microseconds: "1700000000.000100".</summary>
    public static DateTimeOffset FromTs(string ts)
    {
        var seconds = decimal.Parse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }
}
