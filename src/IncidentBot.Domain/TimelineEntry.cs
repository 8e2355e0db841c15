namespace IncidentBot.Domain;

public enum TimelineKind
{
    Declared,
    Acknowledged,
    SeverityChanged,
    StateChanged,
    Update,
    Reminder,
    Escalation,
    Resolved,
    Note,
}

/// <summary>One thing that happened to an incident: who, when, what, and the old and new value where one changed.</summary>
public sealed record TimelineEntry(
    long IncidentNumber,
    DateTimeOffset At,
    string Actor,
    TimelineKind Kind,
    string Text,
    string? OldValue = null,
    string? NewValue = null);
