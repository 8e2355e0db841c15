using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Logging;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

/// <summary>Opens a form about one incident for a command: "no such incident", the lifecycle's refusal, or the modal (with the inline way when Slack refuses it).</summary>
public sealed class IncidentForms(IncidentQueries queries, ViewOpener views, ILogger<IncidentForms> logger)
{
    public async Task<IResult> OpenAsync(long number, string? triggerId, IncidentTrigger step, Func<Incident, JsonObject> form, Func<Incident, string> inline, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIncidentScope(IncidentReference.Format(number));
        var incident = await queries.FindAsync(number, cancellationToken);
        if (incident is null)
        {
            return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(number)));
        }
        if (incident.WhyNot(step) is { } refusal)
        {
            return SlackReplies.Ephemeral(refusal);
        }
        var failure = await views.OpenAsync(triggerId, form(incident), cancellationToken);
        return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} {inline(incident)}");
    }
}
