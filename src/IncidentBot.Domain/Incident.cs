using IncidentBot.Domain.Lifecycle;

namespace IncidentBot.Domain;

/// <summary>
/// A data incident. Every change goes through a method here that checks the lifecycle and appends a
/// timeline entry (who, when, what, old and new value); the store persists the state and the
/// pending entries in one transaction.
/// </summary>
public sealed class Incident
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 3000;

    /// <summary>The actor of entries the bot itself makes (reminders, escalations).</summary>
    public const string SystemActor = "incidentbot";

    private readonly List<TimelineEntry> _pendingTimeline = [];
    private readonly Stateless.StateMachine<IncidentState, IncidentTrigger> _machine;
    private IncidentSnapshot _s;

    private Incident(IncidentSnapshot snapshot)
    {
        _s = snapshot;
        _machine = IncidentLifecycle.Create(() => _s.State, state => _s = _s with { State = state }, () => !_s.PostmortemRequired || _s.PostmortemLink is not null);
    }

    public static Incident FromSnapshot(IncidentSnapshot snapshot) => new(snapshot);

    public IncidentSnapshot ToSnapshot() => _s;

    public long Number => _s.Number;
    public string Reference => IncidentReference.Format(_s.Number);
    public string Title => _s.Title;
    public string? Description => _s.Description;
    public string? AffectedAssets => _s.AffectedAssets;
    public Severity Severity => _s.Severity;
    public Category Category => _s.Category;
    public IncidentState State => _s.State;
    public ImpactFlags Impact => _s.Impact;
    public string DeclaredBy => _s.DeclaredBy;
    public string? Owner => _s.Owner;
    public string? AcknowledgedBy => _s.AcknowledgedBy;
    public DateTimeOffset DetectedAt => _s.DetectedAt;
    public DateTimeOffset DeclaredAt => _s.DeclaredAt;
    public DateTimeOffset? AcknowledgedAt => _s.AcknowledgedAt;
    public DateTimeOffset? LastUpdateAt => _s.LastUpdateAt;
    public DateTimeOffset? ResolvedAt => _s.ResolvedAt;
    public DateTimeOffset? ClosedAt => _s.ClosedAt;
    public FixStatus FixStatus => _s.FixStatus;
    public bool RootCauseIdentified => _s.RootCauseIdentified;
    public string? Eta => _s.Eta;
    public string? LatestUpdate => _s.LatestUpdate;
    public string Channel => _s.Channel;
    public string? HeadlineTs => _s.HeadlineTs;
    public bool PostmortemRequired => _s.PostmortemRequired;
    public string? PostmortemLink => _s.PostmortemLink;
    public int Version => _s.Version;
    public DateTimeOffset? SeverityChangedAt => _s.SeverityChangedAt;
    public DateTimeOffset? LastReminderAt => _s.LastReminderAt;
    public DateTimeOffset? SnoozedUntil => _s.SnoozedUntil;
    public ImpactFlags ImpactNotified => _s.ImpactNotified;
    public string? ResolutionSummary => _s.ResolutionSummary;
    public string? RootCause => _s.RootCause;
    public string? FixApplied => _s.FixApplied;
    public DateTimeOffset? VerifiedAt => _s.VerifiedAt;
    public string? HowVerified => _s.HowVerified;
    public string? DataState => _s.DataState;
    public DateTimeOffset? PostmortemDueAt => _s.PostmortemDueAt;
    public DateTimeOffset? PostmortemDoneAt => _s.PostmortemDoneAt;
    public DateTimeOffset? LastPostmortemReminderAt => _s.LastPostmortemReminderAt;
    public long? DuplicateOf => _s.DuplicateOf;

    /// <summary>When the incident was last reopened, if ever.</summary>
    public DateTimeOffset? ReopenedAt => _s.ReopenedAt;

    /// <summary>When the incident entered its current state, if known.</summary>
    public DateTimeOffset? StateChangedAt => _s.StateChangedAt;

    /// <summary>
    /// Where the current round of chasing started: the declaration, or the last reopening. Escalation
    /// deadlines count from here, and a reopened incident can escalate again.
    /// </summary>
    public DateTimeOffset EpisodeStart => _s.ReopenedAt is { } reopened && reopened > _s.DeclaredAt ? reopened : _s.DeclaredAt;

    /// <summary>Slugs of escalation rules that already fired for this incident (each fires at most once).</summary>
    public IReadOnlySet<string> FiredEscalations =>
        (_s.FiredEscalations ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Who is chased for updates: whoever acknowledged, else the named owner, else the declarer.</summary>
    public string ResponsibleUser => _s.AcknowledgedBy ?? _s.Owner ?? _s.DeclaredBy;

    public bool IsActive => _s.State.IsActive();

    /// <summary>Triggers that can fire now (steps first); the headline shows a button for each step.</summary>
    public IReadOnlyList<IncidentTrigger> PermittedTriggers => IncidentLifecycle.Permitted(_machine);

    /// <summary>The lifecycle steps that can fire now, in button order.</summary>
    public IReadOnlyList<IncidentTrigger> PermittedSteps => PermittedTriggers.Where(IncidentLifecycle.IsStep).ToList();

    /// <summary>Why <paramref name="trigger"/> cannot happen now (state, step and what is possible instead), or null when it can.</summary>
    public string? WhyNot(IncidentTrigger trigger)
    {
        if (_machine.CanFire(trigger, out var unmet))
        {
            return null;
        }
        var possible = PermittedSteps;
        var instead = possible.Count == 0
            ? "Nothing more can happen to it."
            : "Possible now: " + string.Join(", ", possible.Select(t => IncidentLifecycle.Command(t, Reference) is { } command ? $"{IncidentLifecycle.Verb(t)} (`{command}`)" : IncidentLifecycle.Verb(t))) + ".";
        var why = unmet is { Count: > 0 } ? $" ({string.Join("; ", unmet)} is required first)" : "";
        return $"{Reference} is {_s.State}; \"{IncidentLifecycle.Verb(trigger)}\" is not possible now{why}. {instead}";
    }

    public IReadOnlyList<TimelineEntry> PendingTimeline => _pendingTimeline;

    public IReadOnlyList<TimelineEntry> TakePendingTimeline()
    {
        var entries = _pendingTimeline.ToList();
        _pendingTimeline.Clear();
        return entries;
    }

    public static Incident Declare(
        string title,
        Severity severity,
        Category category,
        string declaredBy,
        string channel,
        DateTimeOffset now,
        string? description = null,
        string? affectedAssets = null,
        string? owner = null,
        DateTimeOffset? detectedAt = null,
        ImpactFlags impact = ImpactFlags.None)
    {
        title = (title ?? "").Trim();
        if (title.Length == 0)
        {
            throw new IncidentRuleException("An incident needs a title, e.g. `/incident open P1 orders mart stale since 06:00`.");
        }
        if (title.Length > MaxTitleLength)
        {
            throw new IncidentRuleException($"The title is {title.Length} characters long; keep it under {MaxTitleLength} and put the details in the description (`/incident open` with no text opens a form).");
        }
        if (description is { Length: > MaxTextLength })
        {
            throw new IncidentRuleException($"The description is {description.Length} characters long; the limit is {MaxTextLength}.");
        }
        if (detectedAt > now)
        {
            throw new IncidentRuleException("The detection time is in the future; give the time the problem was noticed.");
        }
        var incident = new Incident(new IncidentSnapshot
        {
            Title = title,
            Description = Blank(description),
            AffectedAssets = Blank(affectedAssets),
            Severity = severity,
            Category = category,
            State = IncidentState.Open,
            Impact = impact,
            DeclaredBy = declaredBy,
            Owner = Blank(owner),
            DetectedAt = detectedAt ?? now,
            DeclaredAt = now,
            Channel = channel,
            PostmortemRequired = severity <= Severity.P1,
        });
        incident.Record(now, declaredBy, TimelineKind.Declared, $"Declared {severity.Code()} {category.DisplayName()}: {title}", null, severity.Code());
        return incident;
    }

    /// <summary>Called by the store once the incident has its number.</summary>
    public void AssignNumber(long number)
    {
        if (_s.Number != 0)
        {
            throw new InvalidOperationException($"{Reference} already has a number.");
        }
        _s = _s with { Number = number };
        for (var i = 0; i < _pendingTimeline.Count; i++)
        {
            _pendingTimeline[i] = _pendingTimeline[i] with { IncidentNumber = number };
        }
    }

    /// <summary>Called by the delivery worker once the headline is in Slack.</summary>
    public void AttachHeadline(string ts) => _s = _s with { HeadlineTs = ts };

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

    /// <summary>Impact groups that still have to be told: flagged and not yet notified.</summary>
    public ImpactFlags ImpactToNotify => _s.Impact & ~_s.ImpactNotified;

    public void MarkImpactNotified(ImpactFlags flag, string notify, DateTimeOffset now)
    {
        _s = _s with { ImpactNotified = _s.ImpactNotified | flag };
        Record(now, SystemActor, TimelineKind.Escalation, $"Business impact {flag}: notified {notify}", null, "impact-" + flag.ToString().ToLowerInvariant());
    }

    /// <summary>
    /// Resolves with the runbook's resolution fields; when a postmortem is needed it is due after
    /// <paramref name="postmortemDue"/> for the severity (the runbook's windows when not given).
    /// </summary>
    public void Resolve(Resolution resolution, string user, DateTimeOffset now, Policy.PostmortemDue? postmortemDue = null)
    {
        if (string.IsNullOrWhiteSpace(resolution.Summary))
        {
            throw new IncidentRuleException("A resolution needs a summary of what happened.");
        }
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

    public void RecordPostmortemReminder(DateTimeOffset now)
    {
        _s = _s with { LastPostmortemReminderAt = now };
        Record(now, SystemActor, TimelineKind.Reminder, "Reminded that the postmortem is due");
    }

    /// <summary>Adds a free-form entry (reminder sent, escalation, pinned message) to the timeline.</summary>
    public void Note(TimelineKind kind, string actor, string text, DateTimeOffset now) => Record(now, actor, kind, text);

    private void EnsureCanFire(IncidentTrigger trigger)
    {
        if (WhyNot(trigger) is { } refusal)
        {
            throw new IncidentRuleException(refusal);
        }
    }

    /// <summary>Asks the machine about a trigger that keeps the state (an internal transition).</summary>
    private void FireInternal(IncidentTrigger trigger)
    {
        EnsureCanFire(trigger);
        _machine.Fire(trigger);
    }

    private void TakeOwnership(string user, DateTimeOffset now, string text, IncidentState next)
    {
        _s = _s with { AcknowledgedBy = user, AcknowledgedAt = now };
        Record(now, user, TimelineKind.Acknowledged, text, IncidentState.Open.ToString(), next.ToString());
    }

    private void Record(DateTimeOffset at, string actor, TimelineKind kind, string text, string? oldValue = null, string? newValue = null) =>
        _pendingTimeline.Add(new TimelineEntry(_s.Number, at, actor, kind, text, oldValue, newValue));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
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
    bool PostmortemNeeded);
