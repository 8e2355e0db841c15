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
public sealed class IncidentPolicy(UpdateCadence cadence, IReadOnlyList<EscalationRule> rules, TimeSpan? verifyGrace = null)
{
    public static readonly TimeSpan DefaultVerifyGrace = TimeSpan.FromMinutes(30);

    public UpdateCadence Cadence => cadence;

    /// <summary>
    /// How long an Unresolved rule that names no states holds off once the incident is Verifying: the
    /// fix is in and being checked, so paging "still unresolved" then only interrupts the people checking.
    /// </summary>
    public TimeSpan VerifyGrace { get; } = verifyGrace ?? DefaultVerifyGrace;

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

    /// <summary>When <paramref name="rule"/> fires for <paramref name="incident"/>, or null when it will not (fired already, condition gone, other severity or state).</summary>
    public DateTimeOffset? EscalationDue(Incident incident, EscalationRule rule)
    {
        if (!incident.IsActive || !rule.AppliesTo(incident.Severity) || !rule.AppliesIn(incident.State) || incident.FiredEscalations.Contains(rule.Slug))
        {
            return null;
        }
        // Counted from the declaration, or from the last reopening (which re-arms every rule).
        var start = incident.EpisodeStart;
        return rule.When switch
        {
            EscalationCondition.NotAcknowledged => incident.AcknowledgedAt is null ? start + rule.After : null,
            EscalationCondition.NoUpdate => (incident.LastUpdateAt is { } u && u > start ? u : start) + rule.After,
            EscalationCondition.Unresolved => Later(start + rule.After, VerifyGraceEnd(incident, rule)),
            _ => null,
        };
    }

    /// <summary>For an Unresolved rule without states of its own on a Verifying incident: when the grace ends.</summary>
    private DateTimeOffset? VerifyGraceEnd(Incident incident, EscalationRule rule) =>
        incident.State == IncidentState.Verifying && !rule.NamesStates
            ? (incident.StateChangedAt ?? incident.LastUpdateAt ?? incident.EpisodeStart) + VerifyGrace
            : null;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;

    public EscalationRule? FindRule(string slug) => rules.FirstOrDefault(r => r.Slug == slug);
}
