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
}
