using IncidentBot.Domain.Lifecycle;

namespace IncidentBot.Domain;

/// <summary>
/// A data incident. Every change goes through a method that checks the lifecycle and appends a timeline
/// entry; the store persists the state (<see cref="IncidentSnapshot"/>) and the pending entries in one transaction.
/// </summary>
public sealed partial class Incident
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

    public string Reference => IncidentReference.Format(_s.Number);

    /// <summary>Where the current round of chasing started: the declaration, or the last reopening (escalations count from here).</summary>
    public DateTimeOffset EpisodeStart => _s.ReopenedAt is { } reopened && reopened > _s.DeclaredAt ? reopened : _s.DeclaredAt;

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

    private void Record(DateTimeOffset at, string actor, TimelineKind kind, string text, string? oldValue = null, string? newValue = null) =>
        _pendingTimeline.Add(new TimelineEntry(_s.Number, at, actor, kind, text, oldValue, newValue));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
