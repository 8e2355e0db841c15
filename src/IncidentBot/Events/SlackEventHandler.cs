using IncidentBot.Domain.Ports;
using IncidentBot.Slack;

namespace IncidentBot.Events;

/// <summary>
/// Events API callbacks. Slack redelivers an event up to three times when it does not see a 200
/// within 3 s; the event_id is recorded so a redelivery does nothing.
/// </summary>
public sealed class SlackEventHandler(IIncidentStore store, TimeProvider time, ILogger<SlackEventHandler> logger)
{
    public async Task<IResult> HandleAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Type != "event_callback")
        {
            return Results.Ok();
        }
        if (string.IsNullOrEmpty(envelope.EventId))
        {
            return Results.BadRequest("An event_callback needs event_id.");
        }
        var first = await store.ExecuteAsync(uow => uow.TryRecordInboundAsync("event:" + envelope.EventId, time.GetUtcNow()), cancellationToken);
        if (!first)
        {
            logger.LogInformation("Ignoring redelivered event {EventId}", envelope.EventId);
            return Results.Ok();
        }
        logger.LogDebug("Event {EventId} of type {Type}", envelope.EventId, envelope.Event?.Type);
        return Results.Ok();
    }
}
