namespace IncidentBot.Domain;

/// <summary>The chasing around an incident: reminders, snoozes, escalations, impact notifications and postmortem reminders.</summary>
public sealed partial class Incident
{
    /// <summary>Slugs of escalation rules that already fired for this incident (each fires at most once).</summary>
    public IReadOnlySet<string> FiredEscalations =>
        (_s.FiredEscalations ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Impact groups that still have to be told: flagged and not yet notified.</summary>
    public ImpactFlags ImpactToNotify => _s.Impact & ~_s.ImpactNotified;

    /// <summary>A reminder was sent: the next one counts from now.</summary>
    public void RecordReminder(DateTimeOffset now)
    {
        _s = _s with { LastReminderAt = now };
        Record(now, SystemActor, TimelineKind.Reminder, $"Reminded {ResponsibleUser} that a status update is due");
    }

    /// <summary>Holds reminders back until <paramref name="now"/> + <paramref name="span"/>.</summary>
    public void Snooze(TimeSpan span, string user, DateTimeOffset now)
    {
        FireInternal(IncidentTrigger.Snooze);
        _s = _s with { SnoozedUntil = now + span };
        Record(now, user, TimelineKind.Note, $"Snoozed update reminders for {span.TotalMinutes:0} min");
    }

    /// <summary>Records that escalation rule <paramref name="slug"/> fired; false when it already had (each rule fires once per incident, and once more after each reopening).</summary>
    public bool RecordEscalation(string slug, string ruleName, string notify, DateTimeOffset now)
    {
        var fired = FiredEscalations;
        if (fired.Contains(slug))
        {
            return false;
        }
        _s = _s with { FiredEscalations = string.Join(',', fired.Append(slug).Order(StringComparer.Ordinal)) };
        Record(now, SystemActor, TimelineKind.Escalation, $"Escalated ({ruleName}) to {notify}", null, slug);
        return true;
    }

    /// <summary>Adds impact flags (revenue, customer-facing, regulatory, security); returns the ones that are new.</summary>
    public ImpactFlags AddImpact(ImpactFlags impact, string user, DateTimeOffset now)
    {
        var added = impact & ~_s.Impact;
        if (added == ImpactFlags.None)
        {
            return ImpactFlags.None;
        }
        _s = _s with { Impact = _s.Impact | added };
        Record(now, user, TimelineKind.Note, $"Business impact: {added}", _s.Impact == added ? null : (_s.Impact & ~added).ToString(), _s.Impact.ToString());
        return added;
    }

    public void MarkImpactNotified(ImpactFlags flag, string notify, DateTimeOffset now)
    {
        _s = _s with { ImpactNotified = _s.ImpactNotified | flag };
        Record(now, SystemActor, TimelineKind.Escalation, $"Business impact {flag}: notified {notify}", null, "impact-" + flag.ToString().ToLowerInvariant());
    }

    public void RecordPostmortemReminder(DateTimeOffset now)
    {
        _s = _s with { LastPostmortemReminderAt = now };
        Record(now, SystemActor, TimelineKind.Reminder, "Reminded that the postmortem is due");
    }
}
