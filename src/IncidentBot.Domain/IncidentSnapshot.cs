namespace IncidentBot.Domain;

/// <summary>Every persisted field of an incident; the store reads and writes this, the domain owns the rules.</summary>
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
}
