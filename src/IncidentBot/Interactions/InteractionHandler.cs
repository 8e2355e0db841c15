using IncidentBot.Logging;
using IncidentBot.Queues;
using System.Globalization;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Interactions;

/// <summary>
/// Buttons, the severity menu and modal submissions. A click is answered with an empty 200 at once:
/// the buttons that open a form (Post update, Resolve) call views.open on the request path, as its
/// trigger_id demands; every other click is stored in the inbox and applied by the inbox worker. Its
/// effect shows in the headline (edited by the outbox worker), and a click that could not be applied
/// gets an ephemeral explanation, queued with the change. Modal submissions run at once, because
/// their mistakes must come back inside the modal.
/// </summary>
public sealed class InteractionHandler(
    IncidentService incidents,
    IncidentQueries queries,
    ModalSubmissions submissions,
    ViewOpener views,
    IInbox inbox,
    InboxSignal inboxSignal,
    InboxCatchUp catchUp,
    AssetSuggestions suggestions,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Configuration.SlackOptions> slack,
    ILogger<InteractionHandler> logger)
{
    public async Task<IResult> HandleAsync(InteractionPayload payload, string body, string requestKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(payload.UserId))
        {
            return Results.BadRequest("An interaction payload needs user.id.");
        }
        switch (payload.Type)
        {
            case "block_actions" when payload.Actions.Any(OpensForm):
                await OpenFormsAsync(payload, requestKey, cancellationToken);
                return SlackReplies.Ack();
            case "block_actions":
                await inbox.AdmitAsync(new InboxItem(requestKey, InboxKind.Interaction, body, IncidentOf(payload.Actions.FirstOrDefault()), time.GetUtcNow()), cancellationToken);
                inboxSignal.Notify();
                return SlackReplies.Ack();
            case "view_submission":
                return await submissions.HandleAsync(payload, cancellationToken);
            case "block_suggestion":
                return await suggestions.AnswerAsync(payload, cancellationToken);
            default:
                return SlackReplies.Ack(); // view_closed, shortcuts we do not offer: nothing to do.
        }
    }

    /// <summary>The inbox worker's half: applies each action of a stored click.</summary>
    public async Task ApplyAsync(InteractionPayload payload, string requestKey, CancellationToken cancellationToken)
    {
        var user = payload.UserId ?? throw new InvalidDataException("A stored interaction has no user.id.");
        foreach (var action in payload.Actions)
        {
            var key = requestKey + ":" + action.ActionId;
            var replyTo = ReplyTo(payload, key) with { OnlyWhenNothingChanged = true };
            try
            {
                await ApplyAsync(action, user, key, replyTo, cancellationToken);
            }
            catch (IncidentRuleException rule)
            {
                await incidents.AnswerAsync(replyTo, Mrkdwn.Escape(rule.Message), cancellationToken);
            }
        }
    }

    /// <summary>A click is answered at its own response_url (ephemeral, where the person clicked); a channel-level ephemeral only without one.</summary>
    public ReplyTo ReplyTo(InteractionPayload payload, string key) =>
        new(key, payload.UserId!, ResponseUrls.Parse(payload.ResponseUrl, slack.Value.ApiBaseUri), payload.ChannelId);

    private static bool OpensForm(BlockAction action) => action.ActionId is SlackIds.ActionPostUpdate or SlackIds.ActionResolve;

    /// <summary>The incident a click is about: buttons carry its number, the severity menu <c>{number}:{P}</c>.</summary>
    private static long? IncidentOf(BlockAction? action)
    {
        var value = action?.ActionId == SlackIds.ActionSeverity ? action.SelectedOptionValue?.Split(':')[0] : action?.Value;
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>Post update / Resolve: the form must open within the trigger_id's 3 s, so on the request path; a failure is told through the outbox.</summary>
    private async Task OpenFormsAsync(InteractionPayload payload, string requestKey, CancellationToken cancellationToken)
    {
        foreach (var action in payload.Actions.Where(OpensForm))
        {
            if (IncidentOf(action) is not { } number)
            {
                logger.LogWarning("Button {ActionId} sent no incident number", action.ActionId);
                continue;
            }
            using var scope = logger.BeginIncidentScope(IncidentReference.Format(number));
            await catchUp.WaitAsync(number, InboxCatchUp.FormBudget, cancellationToken);
            var incident = await queries.FindAsync(number, cancellationToken);
            var update = action.ActionId == SlackIds.ActionPostUpdate;
            var failure = incident is null
                ? IncidentService.NotFound(IncidentReference.Format(number))
                : incident.WhyNot(update ? IncidentTrigger.PostUpdate : IncidentTrigger.Resolve)
                    ?? await views.OpenAsync(payload.TriggerId, update
                        ? Modals.Update(incident)
                        : Modals.Resolve(incident, time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken);
            if (failure is not null)
            {
                await incidents.AnswerAsync(ReplyTo(payload, requestKey + ":" + action.ActionId), failure, cancellationToken);
            }
        }
    }

    private async Task ApplyAsync(BlockAction action, string user, string requestKey, ReplyTo replyTo, CancellationToken cancellationToken)
    {
        if (action.ActionId == SlackIds.ActionSeverity)
        {
            var value = action.SelectedOptionValue ?? "";
            var colon = value.IndexOf(':');
            if (colon < 0 || !long.TryParse(value[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !SeverityExtensions.TryParse(value[(colon + 1)..], out var severity))
            {
                logger.LogWarning("Severity menu sent an unexpected value");
                await incidents.AnswerAsync(replyTo, "That severity choice was not understood; use `/incident severity INC-n P1`.", cancellationToken);
                return;
            }
            await incidents.ChangeAsync(n, requestKey, incidents.ChangeSeverity(severity, user), cancellationToken, replyTo);
            return;
        }
        if (IncidentOf(action) is not { } number)
        {
            logger.LogWarning("Button {ActionId} sent no incident number", action.ActionId);
            return;
        }
        if (action.ActionId is SlackIds.ActionSnooze30 or SlackIds.ActionSnooze60)
        {
            var span = TimeSpan.FromMinutes(action.ActionId == SlackIds.ActionSnooze30 ? 30 : 60);
            // A snooze shows nowhere else, so its confirmation is always worth saying.
            await incidents.ChangeAsync(number, requestKey, incidents.Snooze(span, user), cancellationToken, replyTo with { OnlyWhenNothingChanged = false });
            return;
        }
        if (action.ActionId is { } actionId && !OpensForm(action) && ActionIds.TryGetTrigger(actionId, out var trigger))
        {
            var mutation = trigger == IncidentTrigger.Cancel ? incidents.Cancel(user, null, null) : incidents.Fire(trigger, user);
            await incidents.ChangeAsync(number, requestKey, mutation, cancellationToken, replyTo);
            return;
        }
        logger.LogInformation("Ignoring unknown action {ActionId}", action.ActionId);
    }
}
