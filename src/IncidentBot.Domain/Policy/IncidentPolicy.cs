namespace IncidentBot.Domain.Policy;

/// <summary>An escalation that will fire at <see cref="DueAt"/> unless its condition stops holding first.</summary>
public sealed record PendingEscalation(EscalationRule Rule, DateTimeOffset DueAt);

/// <summary>What is due for one incident: the next update reminder and the pending escalations.</summary>
public sealed record IncidentPlan(DateTimeOffset? NextReminder, IReadOnlyList<PendingEscalation> Escalations)
{
    public static readonly IncidentPlan Nothing = new(null, []);
}

/// <summary>
/// Pure policy: given an incident as stored, what is due and when. The scheduler puts a job at each
/// time; the job asks the policy again when it fires, against the incident as it is then, so a stale
/// job never nags about an incident that was updated, acknowledged or resolved meanwhile.
/// </summary>
public sealed class IncidentPolicy(UpdateCadence cadence, IReadOnlyList<EscalationRule> rules)
{
    public UpdateCadence Cadence => cadence;

    public IReadOnlyList<EscalationRule> Rules => rules;

    /// <summary>The acknowledgement target: the first NotAcknowledged rule's delay (the seeds' 15 min when there is none).</summary>
    public TimeSpan AcknowledgeWithin => rules.FirstOrDefault(r => r.When == EscalationCondition.NotAcknowledged)?.After ?? TimeSpan.FromMinutes(15);

    public IncidentPlan Plan(Incident incident)
    {
        if (!incident.IsActive)
        {
            return IncidentPlan.Nothing;
        }
        var escalations = rules
            .Select(rule => EscalationDue(incident, rule) is { } due ? new PendingEscalation(rule, due) : null)
            .OfType<PendingEscalation>()
            .OrderBy(e => e.DueAt)
            .ToList();
        return new IncidentPlan(NextReminder(incident), escalations);
    }

    /// <summary>
    /// When the owner is next reminded: one cadence after the clock start (declaration, acknowledgement,
    /// last update, severity change) or after the last reminder, whichever is later, and not before a snooze ends.
    /// </summary>
    public DateTimeOffset? NextReminder(Incident incident)
    {
        if (!incident.IsActive)
        {
            return null;
        }
        var from = UpdateCadence.ClockStart(incident);
        if (incident.LastReminderAt is { } reminded && reminded > from)
        {
            from = reminded;
        }
        var due = from + cadence.For(incident.Severity);
        return incident.SnoozedUntil is { } snoozed && snoozed > due ? snoozed : due;
    }

    /// <summary>When <paramref name="rule"/> fires for <paramref name="incident"/>, or null when it will not (fired already, condition gone, other severity).</summary>
    public static DateTimeOffset? EscalationDue(Incident incident, EscalationRule rule)
    {
        if (!incident.IsActive || !rule.AppliesTo(incident.Severity) || incident.FiredEscalations.Contains(rule.Slug))
        {
            return null;
        }
        // Counted from the declaration, or from the last reopening (which re-arms every rule).
        var start = incident.EpisodeStart;
        return rule.When switch
        {
            EscalationCondition.NotAcknowledged => incident.AcknowledgedAt is null ? start + rule.After : null,
            EscalationCondition.NoUpdate => (incident.LastUpdateAt is { } u && u > start ? u : start) + rule.After,
            EscalationCondition.Unresolved => start + rule.After,
            _ => null,
        };
    }

    public EscalationRule? FindRule(string slug) => rules.FirstOrDefault(r => r.Slug == slug);
}
