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

    private readonly List<TimelineEntry> _pendingTimeline = [];
    private readonly StateMachine<IncidentState, IncidentTrigger> _machine;
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

    /// <summary>Who is chased for updates: whoever acknowledged, else the named owner, else the declarer.</summary>
    public string ResponsibleUser => _s.AcknowledgedBy ?? _s.Owner ?? _s.DeclaredBy;

    public bool IsActive => _s.State.IsActive();

    /// <summary>Lifecycle triggers that can fire now; the headline shows a button for each.</summary>
    public IReadOnlyList<IncidentTrigger> PermittedTriggers => _machine.PermittedTriggers;

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
        _s = _s with { AcknowledgedBy = user, AcknowledgedAt = now };
        Record(now, user, TimelineKind.Acknowledged, "Acknowledged; investigating", IncidentState.Open.ToString(), IncidentState.Investigating.ToString());
        return new AcknowledgeOutcome(true, user, now);
    }

    public bool ChangeSeverity(Severity severity, string user, DateTimeOffset now)
    {
        if (_s.State is IncidentState.Closed or IncidentState.Cancelled)
        {
            throw new IncidentRuleException($"{Reference} is {_s.State}; its severity can no longer change.");
        }
        if (severity == _s.Severity)
        {
            return false;
        }
        var old = _s.Severity;
        _s = _s with { Severity = severity, PostmortemRequired = _s.PostmortemRequired || severity <= Severity.P1 };
        Record(now, user, TimelineKind.SeverityChanged, $"Severity {old.Code()} -> {severity.Code()}", old.Code(), severity.Code());
        return true;
    }

    /// <summary>A status update in the runbook's shape. A fix status that moves the incident forward advances the lifecycle too.</summary>
    public void PostUpdate(string text, string user, DateTimeOffset now, FixStatus? fixStatus = null, string? eta = null, bool? rootCauseIdentified = null)
    {
        text = (text ?? "").Trim();
        if (!IsActive)
        {
            throw new IncidentRuleException($"{Reference} is {_s.State}; updates go to active incidents only.{(_s.State == IncidentState.Resolved ? $" Reopen it first: `/incident reopen {Reference}`." : "")}");
        }
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
            if (status >= FixStatus.InProgress && _s.State == IncidentState.Investigating)
            {
                Fire(IncidentTrigger.StartFix, user, now);
            }
            if (status == FixStatus.Applied && _s.State == IncidentState.Fixing)
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
        EnsureCanFire(trigger);
        var old = _s.State;
        _machine.Fire(trigger);
        _s = trigger switch
        {
            IncidentTrigger.Resolve => _s with { ResolvedAt = now },
            IncidentTrigger.Reopen => _s with { ResolvedAt = null, LastUpdateAt = now },
            IncidentTrigger.Close or IncidentTrigger.Cancel => _s with { ClosedAt = now },
            IncidentTrigger.StartFix when _s.FixStatus == FixStatus.NotStarted => _s with { FixStatus = FixStatus.InProgress },
            IncidentTrigger.StartVerify => _s with { FixStatus = FixStatus.Applied },
            IncidentTrigger.VerificationFailed => _s with { FixStatus = FixStatus.InProgress },
            _ => _s,
        };
        var text = IncidentLifecycle.Verb(trigger) + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note.Trim());
        Record(now, user, trigger == IncidentTrigger.Resolve ? TimelineKind.Resolved : TimelineKind.StateChanged, text, old.ToString(), _s.State.ToString());
    }

    /// <summary>Adds a free-form entry (reminder sent, escalation, pinned message) to the timeline.</summary>
    public void Note(TimelineKind kind, string actor, string text, DateTimeOffset now) => Record(now, actor, kind, text);

    private void EnsureCanFire(IncidentTrigger trigger)
    {
        if (_machine.CanFire(trigger, out var unmet))
        {
            return;
        }
        var verb = IncidentLifecycle.Verb(trigger);
        var possible = _machine.PermittedTriggers;
        var instead = possible.Count == 0 ? "Nothing more can happen to it." : "Possible now: " + string.Join(", ", possible.Select(IncidentLifecycle.Verb)) + ".";
        var why = unmet.Count > 0 ? $" ({string.Join("; ", unmet)} is required first)" : "";
        throw new IncidentRuleException($"{Reference} is {_s.State}; \"{verb}\" is not possible now{why}. {instead}");
    }

    private void Record(DateTimeOffset at, string actor, TimelineKind kind, string text, string? oldValue = null, string? newValue = null) =>
        _pendingTimeline.Add(new TimelineEntry(_s.Number, at, actor, kind, text, oldValue, newValue));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public readonly record struct AcknowledgeOutcome(bool Changed, string Responder, DateTimeOffset At);
