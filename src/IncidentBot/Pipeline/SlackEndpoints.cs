using IncidentBot.SlackApi;

namespace IncidentBot.Pipeline;

/// <summary>
/// The HTTP entrance: read and verify (413/401/503 and nothing happens; Slack's unsigned ssl_check on
/// commands gets its 200 here), then the shared
/// <see cref="SlackDispatcher"/>, with the signature as the replay key (the same signed bytes again
/// are a replay).
/// </summary>
internal static class SlackEndpoints
{
    public static Task<IResult> CommandsAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher) =>
        DispatchAsync(context, reader, dispatcher, SlackInbound.Command, answerSslCheck: true);

    public static Task<IResult> InteractionsAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher) =>
        DispatchAsync(context, reader, dispatcher, SlackInbound.Interaction);

    public static Task<IResult> EventsAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher) =>
        DispatchAsync(context, reader, dispatcher, SlackInbound.Event);

    private static async Task<IResult> DispatchAsync(HttpContext context, SlackRequestReader reader, SlackDispatcher dispatcher, SlackInbound kind, bool answerSslCheck = false)
    {
        var cancellationToken = context.RequestAborted;
        var (request, refusal) = await reader.ReadAsync(context.Request, cancellationToken, answerSslCheck);
        if (refusal is not null)
        {
            return refusal;
        }
        return await dispatcher.DispatchAsync(kind, request!.Body, request.Signature, cancellationToken);
    }
}
