using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;

namespace IncidentBot.Incidents;

/// <summary>
/// The postmortem draft of an incident, built from its own timeline, resolution and action items,
/// with "what went well / could be improved" seeded from what the timeline shows (acknowledgement
/// time, reminders needed, escalations).
/// </summary>
public sealed partial class PostmortemDrafts(IIncidentStore store, MessageTemplates templates, Domain.Policy.IncidentPolicy policy, TimeProvider time, Microsoft.Extensions.Options.IOptions<Configuration.IncidentsOptions> options, SlackApi.UserNames? userNames = null)
{
    /// <summary>What "acknowledged in time" means here: the first NotAcknowledged escalation's delay, as in <c>/incident stats</c> (15 min without one).</summary>
    private TimeSpan AckTarget => policy.AcknowledgeWithin;

    /// <summary>
    /// The draft, with people's display names: looked up when <paramref name="lookUpNames"/> (the HTTP
    /// endpoint), else only those cached (the Slack request path never waits for Slack).
    /// </summary>
    public async Task<string?> RenderAsync(long number, CancellationToken cancellationToken, bool lookUpNames = false)
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
        var names = await NamesAsync(incident, timeline, items, lookUpNames, cancellationToken);
        string? Name(string id) => names.GetValueOrDefault(id);
        var known = names.Count == 0 ? null : new System.Text.RegularExpressions.Regex(@"\b(" + string.Join("|", names.Keys) + @")\b");
        string Plain(string text) => known is null ? SlackMarkup.Plain(text, Name) : known.Replace(SlackMarkup.Plain(text, Name), m => names[m.Value]);
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
            Impact = incident.Impact == ImpactFlags.None ? null : string.Join(", ", Enum.GetValues<ImpactFlags>().Where(f => f != ImpactFlags.None && incident.Impact.HasFlag(f)).Select(Messages.IncidentMessages.ImpactName)),
            DataState = incident.DataState,
            VerifiedAt = incident.VerifiedAt,
            HowVerified = incident.HowVerified,
            PostmortemDue = incident.PostmortemDueAt,
            Timeline = Detection(incident).Concat(timeline.Select(e => new PostmortemTimelineRow(e.At, e.Actor == Incident.SystemActor ? "IncidentBot" : Name(e.Actor) ?? e.Actor, Plain(e.Text)))).ToList(),
            DataWrongSince = incident.DataWrongSince,
            DataWrongFor = incident.DataWrongSince is null ? null : SlackTime.Duration(incident.DataWrongFor(now)),
            TimeToDetect = incident.TimeToDetect is { } ttd ? SlackTime.Duration(ttd) : null,
            DetectedBy = incident.DetectionSource,
            WentWell = WentWell(incident, timeline),
            CouldImprove = CouldImprove(incident, timeline).Select(Plain).ToList(),
            ActionItems = items.Select(i => new PostmortemActionRow(i.Id, i.Text, i.Owner, i.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.Done ? "Done" : i.IsOverdue(options.Value.Today(now)) ? "Overdue" : "Open")).ToList(),
            GeneratedAt = now,
        }, Name) + "\n";
    }

    private async Task<Dictionary<string, string>> NamesAsync(Incident incident, IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<ActionItem> items, bool lookUp, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { incident.ResponsibleUser };
        ids.UnionWith(timeline.Select(e => e.Actor));
        ids.UnionWith(timeline.SelectMany(e => SlackMarkup.People(e.Text).Concat(PinnedBy().Matches(e.Text).Select(m => m.Groups["id"].Value))));
        ids.UnionWith(items.Select(i => i.Owner));
        // Only ids, so the names' pattern below is made of [A-Z0-9] alone.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (userNames is null)
        {
            return names;
        }
        foreach (var id in ids.Where(id => id != Incident.SystemActor && Slack.Mrkdwn.IsSlackId(id)))
        {
            if ((lookUp ? await userNames.NameAsync(id, cancellationToken) : userNames.Cached(id)) is { } name)
            {
                names[id] = name;
            }
        }
        return names;
    }

    /// <summary>Who pinned a message: named in the text of a pin's timeline entry, and not otherwise on the timeline.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^Pinned by (?<id>[UW][A-Z0-9]+):")]
    private static partial System.Text.RegularExpressions.Regex PinnedBy();

    /// <summary>The timeline starts when the data went wrong, then when (and by what) it was detected, when those came before the declaration.</summary>
    private static IEnumerable<PostmortemTimelineRow> Detection(Incident incident)
    {
        if (incident.DataWrongSince is { } since)
        {
            yield return new PostmortemTimelineRow(since, "(the data)", "Data went wrong (the last good load)");
        }
        if (incident.DetectedAt < incident.DeclaredAt || incident.DetectionSource is not null)
        {
            yield return new PostmortemTimelineRow(incident.DetectedAt, incident.DetectionSource ?? "(unknown)", "Detected" + (incident.DetectionSource is { } source ? $" by {source}" : ""));
        }
    }

    private List<string> WentWell(Incident incident, IReadOnlyList<TimelineEntry> timeline)
    {
        var well = new List<string>();
        if (incident.AcknowledgedAt is { } ack && ack - incident.DeclaredAt <= AckTarget)
        {
            // A fast acknowledgement of data that was wrong for days is worth saying with the days.
            well.Add($"Acknowledged {SlackTime.Duration(ack - incident.DeclaredAt)} after it was declared"
                + (IncidentStatistics.DetectedLate(incident) ? $" (but {SlackTime.Duration(ack - incident.DataWrongSince!.Value)} after the data went wrong)" : ""));
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
        if (IncidentStatistics.DetectedLate(incident))
        {
            // First: in STAT6 the data was wrong for ~60 hours and fixed in 40 minutes once declared.
            improve.Add($"Detection: the data was wrong for {SlackTime.Duration(incident.TimeToDetect!.Value)} before anyone knew"
                + (incident.DetectionSource is { } by ? $" ({by} caught it)" : "")
                + $"; a freshness or volume check on {incident.AffectedAssets ?? "the affected tables"} would have caught it within the hour");
        }
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
