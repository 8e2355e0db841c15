using IncidentBot.Commands;
using IncidentBot.Events;
using IncidentBot.Interactions;
using IncidentBot.Slack;

namespace IncidentBot.SlackApi;

/// <summary>
/// The three Slack endpoints: read and verify (413/401/503 and nothing happens), parse (400 on a
/// malformed body), check the workspace (403), hand over to the handler. An unexpected failure is
/// logged and answered with an ephemeral apology and 200, never a 500 or a stack trace in Slack.
/// </summary>
internal static class SlackEndpoints
{
    public static Task<IResult> CommandsAsync(HttpContext context, SlackRequestReader reader, CommandHandler handler, ILogger<CommandHandler> logger) =>
        GuardAsync(context, reader, logger, async (request, cancellationToken) =>
        {
            var command = SlashCommand.Parse(request.Body);
            if (command is null || string.IsNullOrEmpty(command.Command))
            {
                return Results.BadRequest("Not a slash command payload.");
            }
            if (!reader.Admits(SlackInstallation.Of(command)))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            return await handler.HandleAsync(command, request.Body, "cmd:" + request.Signature, cancellationToken);
        }, ephemeralOnError: true, answerSslCheck: true);

    public static Task<IResult> InteractionsAsync(HttpContext context, SlackRequestReader reader, InteractionHandler handler, ILogger<InteractionHandler> logger) =>
        GuardAsync(context, reader, logger, async (request, cancellationToken) =>
        {
            if (!InteractionPayload.TryParse(request.Body, out var payload, out var error))
            {
                return Results.BadRequest($"Not an interaction payload: expected a form field 'payload' with JSON. {error}");
            }
            if (!reader.Admits(SlackInstallation.Of(payload)))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            return await handler.HandleAsync(payload, request.Body, "act:" + request.Signature, cancellationToken);
        }, ephemeralOnError: false);

    public static Task<IResult> EventsAsync(HttpContext context, SlackRequestReader reader, SlackEventHandler handler, ILogger<SlackEventHandler> logger) =>
        GuardAsync(context, reader, logger, async (request, cancellationToken) =>
        {
            if (!EventEnvelope.TryParse(request.Body, out var envelope, out var error))
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
                return SlackReplies.NoRetry(context);
            }
            return await handler.HandleAsync(envelope, context, cancellationToken);
        }, ephemeralOnError: false);

    private static async Task<IResult> GuardAsync(
        HttpContext context,
        SlackRequestReader reader,
        ILogger logger,
        Func<VerifiedSlackRequest, CancellationToken, Task<IResult>> handle,
        bool ephemeralOnError,
        bool answerSslCheck = false)
    {
        var cancellationToken = context.RequestAborted;
        var (request, refusal) = await reader.ReadAsync(context.Request, cancellationToken, answerSslCheck);
        if (refusal is not null)
        {
            return refusal;
        }
        try
        {
            return await handle(request!, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Failed to handle a Slack request to {Path}", context.Request.Path);
            return ephemeralOnError ? SlackReplies.Ephemeral(SlackReplies.InternalError) : Results.Ok();
        }
    }
}
