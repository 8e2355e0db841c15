using IncidentBot.Commands;
using IncidentBot.Events;
using IncidentBot.Interactions;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Pipeline;

/// <summary>What reached the bot: a slash command, an interaction or an Events API callback.</summary>
public enum SlackInbound
{
    Command,
    Interaction,
    Event,
}

/// <summary>
/// Everything after verification, shared by both entrances (the HTTP endpoints and the Socket Mode
/// client): parse (400 on a malformed body), check the installation (403; an event gets its 2xx with
/// no-retry), hand over to the handler.
/// The body is in Slack's HTTP form; <paramref name="replayKey"/> is the same for a redelivery, so the
/// inbox stores it once. An unexpected failure is logged and answered like HTTP would: an ephemeral
/// apology for a command, else an empty "got it"; never a 500.
/// </summary>
public sealed class SlackDispatcher(
    SlackRequestReader reader,
    CommandHandler commands,
    InteractionHandler interactions,
    SlackEventHandler events,
    ILogger<SlackDispatcher> logger)
{
    public async Task<IResult> DispatchAsync(SlackInbound kind, string body, string replayKey, CancellationToken cancellationToken)
    {
        try
        {
            return kind switch
            {
                SlackInbound.Command => await CommandAsync(body, replayKey, cancellationToken),
                SlackInbound.Interaction => await InteractionAsync(body, replayKey, cancellationToken),
                _ => await EventAsync(body, cancellationToken),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Failed to handle a Slack {Kind}", kind);
            return kind == SlackInbound.Command ? SlackReplies.Ephemeral(SlackReplies.InternalError) : Results.Ok();
        }
    }

    private async Task<IResult> CommandAsync(string body, string replayKey, CancellationToken cancellationToken)
    {
        var command = SlashCommand.Parse(body);
        if (command is null || string.IsNullOrEmpty(command.Command))
        {
            return Results.BadRequest("Not a slash command payload.");
        }
        if (!reader.Admits(SlackInstallation.Of(command)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await commands.HandleAsync(command, "cmd:" + replayKey, cancellationToken);
    }

    private async Task<IResult> InteractionAsync(string body, string replayKey, CancellationToken cancellationToken)
    {
        if (!InteractionPayload.TryParse(body, out var payload, out var error))
        {
            return Results.BadRequest($"Not an interaction payload: expected a form field 'payload' with JSON. {error}");
        }
        if (!reader.Admits(SlackInstallation.Of(payload)))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await interactions.HandleAsync(payload, body, "act:" + replayKey, cancellationToken);
    }

    private async Task<IResult> EventAsync(string body, CancellationToken cancellationToken)
    {
        if (!EventEnvelope.TryParse(body, out var envelope, out var error))
        {
            return Results.BadRequest($"Not an Events API payload. {error}");
        }
        if (envelope.Type == "url_verification")
        {
            return Results.Json(new { challenge = envelope.Challenge });
        }
        if (!reader.Admits(SlackInstallation.Of(envelope)))
        {
            // Slack turns off event subscriptions that keep failing: a signed event always gets a 2xx.
            logger.LogWarning("Ignored event {EventId} from a workspace not in Slack:TeamId ({TeamId})", envelope.EventId, envelope.TeamId);
            return SlackReplies.NoRetry();
        }
        return await events.HandleAsync(envelope, cancellationToken);
    }
}
