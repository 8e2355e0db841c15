using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Logging;
using IncidentBot.Outbox;
using IncidentBot.Queues;
using IncidentBot.Slack;

namespace IncidentBot.Events;

/// <summary>
/// Events API callbacks. Slack redelivers an event up to three times when it does not see a 200
/// within 3 s; the event_id is recorded in the same transaction as the event's effect, so a
/// redelivery does nothing. Two events matter: a message in an incident thread (kept, whoever wrote
/// it, the bot included), and a :pushpin: reaction on such a message (it goes on the incident's
/// timeline, at the time the message was written). A pin that cannot be taken is answered in the
/// thread with the reason, once per message.
/// </summary>
public sealed class SlackEventHandler(IIncidentStore store, OutboxSignal outbox, TimeProvider time, ILogger<SlackEventHandler> logger)
{
    public static readonly IReadOnlySet<string> PinReactions = new HashSet<string>(StringComparer.Ordinal) { "pushpin", "round_pushpin" };

    /// <summary>Message subtypes that are somebody's words in the thread (a person's, an app's, ours); edits, joins and deletions are not.</summary>
    private static readonly HashSet<string> KeptSubtypes = new(StringComparer.Ordinal) { "thread_broadcast", "bot_message", "file_share", "me_message" };

    private const string Refused = "refused, reason posted";

    /// <summary>Always a 2xx for a signed event (Slack disables subscriptions that keep failing); <c>X-Slack-No-Retry</c> where a retry cannot help.</summary>
    public async Task<IResult> HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Type != "event_callback")
        {
            logger.LogInformation("Ignored an event envelope of type {Type}", envelope.Type);
            return SlackApi.SlackReplies.NoRetry();
        }
        if (string.IsNullOrEmpty(envelope.EventId))
        {
            logger.LogWarning("Ignored an event_callback without event_id ({Type})", envelope.Event?.Type);
            return SlackApi.SlackReplies.NoRetry();
        }
        var slackEvent = envelope.Event;
        if (slackEvent?.InvalidField() is { } invalid)
        {
            logger.LogWarning("Ignored event {EventId}: {Invalid}", envelope.EventId, invalid);
            return SlackApi.SlackReplies.NoRetry(invalid);
        }
        var outcome = await store.ExecuteAsync(async uow =>
        {
            if (!await uow.TryRecordInboundAsync("event:" + envelope.EventId, time.GetUtcNow()))
            {
                return "redelivery ignored";
            }
            return slackEvent?.Type switch
            {
                "message" => await KeepThreadMessageAsync(uow, slackEvent, envelope.ApiAppId),
                "reaction_added" => await PinAsync(uow, slackEvent),
                _ => "not handled",
            };
        }, cancellationToken);
        logger.LogDebug("Event {EventId} ({Type}): {Outcome}", envelope.EventId, slackEvent?.Type, outcome);
        if (outcome == Refused)
        {
            outbox.Notify();
        }
        return Results.Ok();
    }

    private static async Task<string> KeepThreadMessageAsync(IIncidentUnitOfWork uow, SlackEvent message, string? ourAppId)
    {
        // Our own posts are the bot's on the timeline; another app's are its user's or bot's.
        var author = message.AppId is { } app && app == ourAppId ? Incident.SystemActor : message.User ?? message.BotId;
        if (message.ThreadTs is not { Length: > 0 } thread || message.Ts is null || message.Channel is null || author is null
            || (message.Subtype is { } subtype && !KeptSubtypes.Contains(subtype)) || message.Ts == thread)
        {
            return "not a thread reply";
        }
        var incident = await uow.FindByHeadlineAsync(message.Channel, thread);
        if (incident is null)
        {
            return "not an incident thread";
        }
        // Slack sends the text escaped (&lt; for <); it is kept as the person wrote it and escaped once when shown.
        await uow.RecordThreadMessageAsync(new ThreadMessage(message.Channel, message.Ts, incident.Number, author, CommandText.Readable(message.Text), FromTs(message.Ts)));
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
            return await uow.FindByHeadlineAsync(reaction.ItemChannel, reaction.ItemTs) is { } headline
                ? await RefuseAsync(uow, headline.Number, reaction, "that is the headline, the incident itself. Pin a reply in this thread to put it on the timeline.")
                : "pinned message is not a kept thread reply";
        }
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            return await RefuseAsync(uow, message.IncidentNumber, reaction, "that message has no text (files and attachments are not copied). Say in a reply what it shows, and pin the reply.");
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

    /// <summary>Says in the incident's thread why a pin was not taken; once per message, however many pins it gets.</summary>
    private async Task<string> RefuseAsync(IIncidentUnitOfWork uow, long number, SlackEvent reaction, string why)
    {
        var reference = IncidentReference.Format(number);
        var queued = await uow.EnqueueAsync(Incidents.IncidentService.Thread(Messages.IncidentMessages.Note($":pushpin: Not pinned to {reference}'s timeline: {why}")) with
        {
            IncidentNumber = number,
            DedupKey = $"{reference}/pin-refused/{reaction.ItemChannel}/{reaction.ItemTs}",
        }, time.GetUtcNow());
        using (logger.BeginIncidentScope(reference))
        {
            logger.LogInformation("Pin of {Ts} refused: {Why}", reaction.ItemTs, why);
        }
        return queued ? Refused : "refused, reason already posted";
    }


    /// <summary>Slack's ts is unix seconds with microseconds: "1700000000.000100"; checked at the edge (<see cref="SlackEvent.InvalidField"/>).</summary>
    public static DateTimeOffset FromTs(string ts) =>
        SlackTimestamps.TryParseTs(ts, out var at) ? at : throw new FormatException($"'{ts}' is not a Slack timestamp.");
}
