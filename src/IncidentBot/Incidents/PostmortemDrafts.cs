using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;

namespace IncidentBot.Incidents;

/// <summary>
/// The postmortem draft of an incident, built from its own timeline, resolution and action items,
/// with "what went well / could be improved" seeded from what the timeline shows (acknowledgement
/// time, reminders needed, escalations).
/// </summary>
public sealed class PostmortemDrafts(IIncidentStore store, MessageTemplates templates, Domain.Policy.IncidentPolicy policy, TimeProvider time, Microsoft.Extensions.Options.IOptions<Configuration.IncidentsOptions> options)
{
    /// <summary>What "acknowledged in time" means here: the first NotAcknowledged escalation's delay, as in <c>/incident stats</c> (15 min without one).</summary>
    private TimeSpan AckTarget => policy.AcknowledgeWithin;

    public async Task<string?> RenderAsync(long number, CancellationToken cancellationToken)
    {
        var incident = await store.FindAsync(number, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var timeline = await store.GetTimelineAsync(number, cancellationToken);
        var items = await store.ListActionItemsAsync(number, cancellationToken);
        var now = time.GetUtcNow();
        var end = incident.ResolvedAt ?? incident.ClosedAt;
        return templates.Render(MessageTemplates.Postmortem, new PostmortemModel
        {
            Reference = incident.Reference,
            Title = incident.Title,
            Severity = incident.Severity.Code(),
            Category = incident.Category.DisplayName(),
            State = incident.State.ToString(),
            Author = incident.ResponsibleUser,
            Start = incident.DetectedAt,
            EndedAt = end,
            Duration = SlackTime.Duration((end ?? now) - incident.DetectedAt),
            Summary = incident.ResolutionSummary ?? incident.Description ?? incident.Title,
            RootCause = incident.RootCause,
            FixApplied = incident.FixApplied,
            Affected = incident.AffectedAssets,
            Impact = incident.Impact == ImpactFlags.None ? null : incident.Impact.ToString(),
            DataState = incident.DataState,
            VerifiedAt = incident.VerifiedAt,
            HowVerified = incident.HowVerified,
            PostmortemDue = incident.PostmortemDueAt,
            Timeline = timeline.Select(e => new PostmortemTimelineRow(e.At, e.Actor == Incident.SystemActor ? "IncidentBot" : "@" + e.Actor, e.Text)).ToList(),
            WentWell = WentWell(incident, timeline),
            CouldImprove = CouldImprove(incident, timeline),
            ActionItems = items.Select(i => new PostmortemActionRow(i.Id, i.Text, i.Owner, i.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.Done ? "Done" : i.IsOverdue(options.Value.Today(now)) ? "Overdue" : "Open")).ToList(),
            GeneratedAt = now,
        }) + "\n";
    }

    private List<string> WentWell(Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        var well = new List<string>();
        if (incident.AcknowledgedAt is { } ack && ack - incident.DeclaredAt <= AckTarget)
        {
            well.Add($"Acknowledged {SlackTime.Duration(ack - incident.DeclaredAt)} after it was declared");
        }
        var updates = timeline.Count(e => e.Kind == TimelineKind.Update);
        if (updates > 0 && !timeline.Any(e => e.Kind == TimelineKind.Reminder))
        {
            well.Add(updates == 1 ? "A status update, not chased by a reminder" : $"{updates} status updates, none of them chased by a reminder");
        }
        if (!timeline.Any(e => e.Kind == TimelineKind.Escalation) && incident.ResolvedAt is not null)
        {
            well.Add("Resolved without escalation");
        }
        if (incident.VerifiedAt is not null)
        {
            well.Add("The fix was verified" + (incident.HowVerified is { } how ? $" ({how})" : ""));
        }
        return well;
    }

    private List<string> CouldImprove(Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        var improve = new List<string>();
        if (incident.DeclaredAt - incident.DetectedAt > AckTarget)
        {
            improve.Add($"Declared {SlackTime.Duration(incident.DeclaredAt - incident.DetectedAt)} after detection");
        }
        if (incident.AcknowledgedAt is { } ack && ack - incident.DeclaredAt > AckTarget)
        {
            improve.Add($"Acknowledgement took {SlackTime.Duration(ack - incident.DeclaredAt)}");
        }
        var reminders = timeline.Count(e => e.Kind == TimelineKind.Reminder);
        if (reminders > 0)
        {
            improve.Add($"{reminders} update reminder{(reminders == 1 ? " was" : "s were")} needed");
        }
        foreach (var escalation in timeline.Where(e => e.Kind == TimelineKind.Escalation))
        {
            improve.Add(escalation.Text);
        }
        return improve;
    }
}
