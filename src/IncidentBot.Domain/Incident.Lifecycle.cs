using IncidentBot.Domain.Lifecycle;

namespace IncidentBot.Domain;

/// <summary>The incident's lifecycle: acknowledge, update, change severity, move along the steps, resolve, cancel, close.</summary>
public sealed partial class Incident
{
    /// <summary>The first acknowledgement makes the acknowledger the responder; later ones change nothing.</summary>
    public AcknowledgeOutcome Acknowledge(string user, DateTimeOffset now)
    {
        if (_s.AcknowledgedBy is { } first)
        {
            return new AcknowledgeOutcome(false, first, _s.AcknowledgedAt!.Value);
        }
        EnsureCanFire(IncidentTrigger.Acknowledge);
        _machine.Fire(IncidentTrigger.Acknowledge);
        TakeOwnership(user, now, "Acknowledged; investigating", IncidentState.Investigating);
        _s = _s with { StateChangedAt = now };
        return new AcknowledgeOutcome(true, user, now);
    }

    public bool ChangeSeverity(Severity severity, string user, DateTimeOffset now)
    {
        FireInternal(IncidentTrigger.ChangeSeverity);
        if (severity == _s.Severity)
        {
            return false;
        }
        var old = _s.Severity;
        _s = _s with { Severity = severity, SeverityChangedAt = now, PostmortemRequired = _s.PostmortemRequired || severity <= Severity.P1 };
        Record(now, user, TimelineKind.SeverityChanged, $"Severity {old.Code()} -> {severity.Code()}", old.Code(), severity.Code());
        return true;
    }

    /// <summary>A status update in the runbook's shape. A fix status that moves the incident forward advances the lifecycle too.</summary>
    public void PostUpdate(string text, string user, DateTimeOffset now, FixStatus? fixStatus = null, string? eta = null, bool? rootCauseIdentified = null)
    {
        text = (text ?? "").Trim();
        FireInternal(IncidentTrigger.PostUpdate);
        if (text.Length == 0)
        {
            throw new IncidentRuleException($"An update needs text: `/incident update {Reference} root cause found, backfill running`.");
        }
        if (text.Length > MaxTextLength)
        {
            throw new IncidentRuleException($"The update is {text.Length} characters long; the limit is {MaxTextLength}. Split it into several updates.");
        }
        if (fixStatus is { } status)
        {
            if (status >= FixStatus.InProgress && _machine.CanFire(IncidentTrigger.StartFix))
            {
                Fire(IncidentTrigger.StartFix, user, now);
            }
            if (status == FixStatus.Applied && _machine.CanFire(IncidentTrigger.StartVerify))
            {
                Fire(IncidentTrigger.StartVerify, user, now);
            }
        }
        _s = _s with
        {
            LastUpdateAt = now,
            LatestUpdate = text,
            FixStatus = fixStatus ?? _s.FixStatus,
            Eta = Blank(eta) ?? _s.Eta,
            RootCauseIdentified = rootCauseIdentified ?? _s.RootCauseIdentified,
        };
        Record(now, user, TimelineKind.Update, text);
    }

    /// <summary>Moves the incident along its lifecycle, or explains why it cannot.</summary>
    public void Fire(IncidentTrigger trigger, string user, DateTimeOffset now, string? note = null)
    {
        if (trigger == IncidentTrigger.Acknowledge)
        {
            Acknowledge(user, now);
            return;
        }
        if (!IncidentLifecycle.IsStep(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a lifecycle step.");
        }
        EnsureCanFire(trigger);
        var old = _s.State;
        if (trigger == IncidentTrigger.Resolve && old == IncidentState.Open)
        {
            // Noticed and fixed at once: resolving takes the incident, so MTTA is the time to resolution.
            TakeOwnership(user, now, "Took the incident to resolve it", IncidentState.Resolved);
        }
        _machine.Fire(trigger);
        _s = trigger switch
        {
            IncidentTrigger.Resolve => _s with { ResolvedAt = now },
            IncidentTrigger.Reopen => _s with { ResolvedAt = null, LastUpdateAt = now, PostmortemDueAt = null, LastPostmortemReminderAt = null, ReopenedAt = now, FiredEscalations = null },
            IncidentTrigger.Close or IncidentTrigger.Cancel => _s with { ClosedAt = now },
            IncidentTrigger.StartFix when _s.FixStatus == FixStatus.NotStarted => _s with { FixStatus = FixStatus.InProgress },
            IncidentTrigger.StartVerify => _s with { FixStatus = FixStatus.Applied },
            IncidentTrigger.VerificationFailed => _s with { FixStatus = FixStatus.InProgress },
            _ => _s,
        } with { StateChangedAt = now };
        var text = IncidentLifecycle.Verb(trigger) + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim());
        Record(now, user, trigger == IncidentTrigger.Resolve ? TimelineKind.Resolved : TimelineKind.StateChanged, text, old.ToString(), _s.State.ToString());
    }

    /// <summary>Resolves with the runbook's fields; a needed postmortem is due after <paramref name="postmortemDue"/> (the runbook's windows when not given).</summary>
    public void Resolve(Resolution resolution, string user, DateTimeOffset now, Policy.PostmortemDue? postmortemDue = null)
    {
        if (string.IsNullOrWhiteSpace(resolution.Summary))
        {
            throw new IncidentRuleException("A resolution needs a summary of what happened.");
        }
        SetDataWrongSince(resolution.DataWrongSince, user, now);
        Fire(IncidentTrigger.Resolve, user, now, resolution.Summary);
        _s = _s with
        {
            ResolutionSummary = resolution.Summary.Trim(),
            RootCause = Blank(resolution.RootCause),
            FixApplied = Blank(resolution.FixApplied),
            VerifiedAt = resolution.VerifiedAt,
            HowVerified = Blank(resolution.HowVerified),
            DataState = Blank(resolution.DataState),
            PostmortemRequired = resolution.PostmortemNeeded,
            PostmortemDueAt = resolution.PostmortemNeeded ? now + (postmortemDue ?? Policy.PostmortemDue.Default).For(_s.Severity) : null,
            PostmortemDoneAt = null,
            SnoozedUntil = null,
        };
    }

    /// <summary>Cancels as a false alarm or as a duplicate of another incident; no postmortem follows.</summary>
    public void CancelIncident(string user, DateTimeOffset now, string? reason, long? duplicateOf = null)
    {
        if (duplicateOf == _s.Number && duplicateOf is not null)
        {
            throw new IncidentRuleException($"{Reference} cannot be a duplicate of itself.");
        }
        var note = duplicateOf is { } d ? $"duplicate of {IncidentReference.Format(d)}" + (string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Trim()})") : reason;
        Fire(IncidentTrigger.Cancel, user, now, string.IsNullOrWhiteSpace(note) ? "false alarm" : note);
        _s = _s with { DuplicateOf = duplicateOf, PostmortemRequired = false, PostmortemDueAt = null };
    }

    /// <summary>The postmortem is written: record the link and close the incident.</summary>
    public void CompletePostmortem(string link, string user, DateTimeOffset now)
    {
        FireInternal(IncidentTrigger.RecordPostmortem);
        if (string.IsNullOrWhiteSpace(link))
        {
            throw new IncidentRuleException($"Give the postmortem's link: `/incident postmortem {Reference} done https://...`.");
        }
        _s = _s with { PostmortemLink = link.Trim(), PostmortemDoneAt = now };
        Record(now, user, TimelineKind.Note, $"Postmortem done: {link.Trim()}");
        Fire(IncidentTrigger.Close, user, now);
    }

    private void TakeOwnership(string user, DateTimeOffset now, string text, IncidentState next)
    {
        _s = _s with { AcknowledgedBy = user, AcknowledgedAt = now };
        Record(now, user, TimelineKind.Acknowledged, text, IncidentState.Open.ToString(), next.ToString());
    }
}

public readonly record struct AcknowledgeOutcome(bool Changed, string Responder, DateTimeOffset At);

/// <summary>The runbook's resolution fields.</summary>
public sealed record Resolution(
    string Summary,
    string? RootCause,
    string? FixApplied,
    DateTimeOffset? VerifiedAt,
    string? HowVerified,
    string? DataState,
    bool PostmortemNeeded,
    DateTimeOffset? DataWrongSince = null);
