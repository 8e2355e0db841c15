namespace IncidentBot.Domain;

/// <summary>
/// Every persisted field of an incident, declared once: the store maps each property to its snake_case column
/// (a new field is this property plus one migration per database). <see cref="Incident"/> owns the rules.
/// </summary>
public sealed record IncidentSnapshot
{
    public long Number { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string? AffectedAssets { get; init; }
    public Severity Severity { get; init; }
    public Category Category { get; init; }
    public IncidentState State { get; init; }
    public ImpactFlags Impact { get; init; }
    public required string DeclaredBy { get; init; }
    public string? Owner { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset DetectedAt { get; init; }
    public DateTimeOffset DeclaredAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? LastUpdateAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public FixStatus FixStatus { get; init; }
    public bool RootCauseIdentified { get; init; }
    public string? Eta { get; init; }
    public string? LatestUpdate { get; init; }
    public required string Channel { get; init; }
    public string? HeadlineTs { get; init; }
    public bool PostmortemRequired { get; init; }
    public string? PostmortemLink { get; init; }
    public int Version { get; init; }

    // Reminders and escalations.
    public DateTimeOffset? SeverityChangedAt { get; init; }
    public DateTimeOffset? LastReminderAt { get; init; }
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>Slugs of the escalation rules that fired, comma-separated ("backup-oncall,engineering-manager").</summary>
    public string? FiredEscalations { get; init; }

    /// <summary>Impact groups already notified (each once).</summary>
    public ImpactFlags ImpactNotified { get; init; }

    // Resolution and postmortem.
    public string? ResolutionSummary { get; init; }
    public string? RootCause { get; init; }
    public string? FixApplied { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public string? HowVerified { get; init; }
    public string? DataState { get; init; }
    public DateTimeOffset? PostmortemDueAt { get; init; }
    public DateTimeOffset? PostmortemDoneAt { get; init; }
    public DateTimeOffset? LastPostmortemReminderAt { get; init; }
    public long? DuplicateOf { get; init; }
    public DateTimeOffset? ReopenedAt { get; init; }

    /// <summary>When the incident entered its current state (null for incidents stored before it was kept).</summary>
    public DateTimeOffset? StateChangedAt { get; init; }

    // Detection: since when the data was wrong, who found it, its checks (alerts).
    public DateTimeOffset? DataWrongSince { get; init; }
    public string? DetectionSource { get; init; }
    public int ChecksFailing { get; init; }
    public int ChecksPassing { get; init; }

    // Catalog (issue 13): owners already mentioned (one per line), and the fingerprint of the blast radius last listed in the thread.
    public string? OwnersTold { get; init; }
    public string? BlastRadiusTold { get; init; }
}

/// <summary>The incident's fields as the host reads them, one line each beside the record that holds them.</summary>
public sealed partial class Incident
{
    public long Number => _s.Number;
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
    public DateTimeOffset? StateChangedAt => _s.StateChangedAt;
    public DateTimeOffset? DataWrongSince => _s.DataWrongSince;
    public string? DetectionSource => _s.DetectionSource;
    public int ChecksFailing => _s.ChecksFailing;
    public int ChecksPassing => _s.ChecksPassing;
    public string? OwnersTold => _s.OwnersTold;
    public string? BlastRadiusTold => _s.BlastRadiusTold;
}
