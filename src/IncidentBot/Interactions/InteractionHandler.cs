using System.Globalization;
using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Interactions;

/// <summary>
/// Buttons, the severity menu and modal submissions. Clicks are answered with an empty 200 at once;
/// their effect shows in the headline (edited by the outbox worker), and a click that cannot be
/// applied gets an ephemeral explanation, also through the outbox.
/// </summary>
public sealed class InteractionHandler(
    IncidentService incidents,
    IncidentQueries queries,
    ModalSubmissions submissions,
    ViewOpener views,
    TimeProvider time,
    ILogger<InteractionHandler> logger)
{
    public async Task<IResult> HandleAsync(InteractionPayload payload, string requestKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(payload.UserId))
        {
            return Results.BadRequest("An interaction payload needs user.id.");
        }
        return payload.Type switch
        {
            "block_actions" => await BlockActionsAsync(payload, requestKey, cancellationToken),
            "view_submission" => await submissions.HandleAsync(payload, cancellationToken),
            _ => SlackReplies.Ack(), // view_closed, shortcuts we do not offer: nothing to do.
        };
    }

    private async Task<IResult> BlockActionsAsync(InteractionPayload payload, string requestKey, CancellationToken cancellationToken)
    {
        var user = payload.UserId!;
        foreach (var action in payload.Actions)
        {
            try
            {
                var reply = await ApplyAsync(action, payload, user, requestKey + ":" + action.ActionId, cancellationToken);
                if (reply is not null && payload.ChannelId is { } channel)
                {
                    await incidents.TellAsync(channel, user, reply, cancellationToken);
                }
            }
            catch (IncidentRuleException rule) when (payload.ChannelId is { } channel)
            {
                await incidents.TellAsync(channel, user, Mrkdwn.Escape(rule.Message), cancellationToken);
            }
        }
        return SlackReplies.Ack();
    }

    /// <summary>Applies one action; returns a line for the clicker when there is something to tell them.</summary>
    private async Task<string?> ApplyAsync(BlockAction action, InteractionPayload payload, string user, string requestKey, CancellationToken cancellationToken)
    {
        if (action.ActionId == SlackIds.ActionSeverity)
        {
            var value = action.SelectedOptionValue ?? "";
            var colon = value.IndexOf(':');
            if (colon < 0 || !long.TryParse(value[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !SeverityExtensions.TryParse(value[(colon + 1)..], out var severity))
            {
                logger.LogWarning("Severity menu sent an unexpected value");
                return "That severity choice was not understood; use `/incident severity INC-n P1`.";
            }
            return Unless(await incidents.ChangeAsync(n, requestKey, incidents.ChangeSeverity(severity, user), cancellationToken));
        }
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            logger.LogWarning("Button {ActionId} sent no incident number", action.ActionId);
            return null;
        }
        if (action.ActionId == SlackIds.ActionPostUpdate)
        {
            var incident = await queries.FindAsync(number, cancellationToken);
            if (incident is null)
            {
                return IncidentService.NotFound(IncidentReference.Format(number));
            }
            return await views.OpenAsync(payload.TriggerId, Modals.Update(incident), cancellationToken);
        }
        if (action.ActionId == SlackIds.ActionResolve)
        {
            var incident = await queries.FindAsync(number, cancellationToken);
            if (incident is null)
            {
                return IncidentService.NotFound(IncidentReference.Format(number));
            }
            return await views.OpenAsync(payload.TriggerId, Modals.Resolve(incident, time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken);
        }
        if (action.ActionId is SlackIds.ActionSnooze30 or SlackIds.ActionSnooze60)
        {
            var span = TimeSpan.FromMinutes(action.ActionId == SlackIds.ActionSnooze30 ? 30 : 60);
            var result = await incidents.ChangeAsync(number, requestKey, incidents.Snooze(span, user), cancellationToken);
            return result.Reply;
        }
        if (action.ActionId is { } actionId && ActionIds.TryGetTrigger(actionId, out var trigger))
        {
            var mutation = trigger == IncidentTrigger.Cancel ? incidents.Cancel(user, null, null) : incidents.Fire(trigger, user);
            return Unless(await incidents.ChangeAsync(number, requestKey, mutation, cancellationToken));
        }
        logger.LogInformation("Ignoring unknown action {ActionId}", action.ActionId);
        return null;
    }

    /// <summary>A change that happened shows in the headline; only tell the clicker when it did not.</summary>
    private static string? Unless(ChangeResult result) =>
        result.Status is ChangeStatus.Changed or ChangeStatus.Replayed ? null : result.Reply;
}
