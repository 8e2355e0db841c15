namespace IncidentBot.Domain;

/// <summary>A postmortem follow-up: who does what by when.</summary>
public sealed record ActionItem
{
    public long Id { get; init; }
    public long IncidentNumber { get; init; }
    public required string Owner { get; init; }
    public DateOnly DueDate { get; init; }
    public required string Text { get; init; }
    public bool Done { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    public DateTimeOffset? LastRemindedAt { get; init; }

    /// <summary>Open and due before <paramref name="today"/> (a day in the workspace's time zone).</summary>
    public bool IsOverdue(DateOnly today) => !Done && today > DueDate;
}
