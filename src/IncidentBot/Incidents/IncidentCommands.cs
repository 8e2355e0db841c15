using IncidentBot.Domain;

namespace IncidentBot.Incidents;

/// <summary>Everything needed to declare an incident, from the inline command or the modal.</summary>
public sealed record OpenIncident(
    string Title,
    Severity Severity,
    Category Category,
    string DeclaredBy,
    string? Description = null,
    string? AffectedAssets = null,
    string? Owner = null,
    DateTimeOffset? DetectedAt = null,
    ImpactFlags Impact = ImpactFlags.None,
    DateTimeOffset? DataWrongSince = null);

public enum OpenStatus
{
    /// <summary>A new incident was declared.</summary>
    Created,

    /// <summary>The same person declared the same title moments ago: that incident is returned.</summary>
    AlreadyOpen,

    /// <summary>The exact same request was handled before (a retry): nothing changed.</summary>
    Replayed,
}

public sealed record OpenResult(OpenStatus Status, Incident? Incident);

public enum ChangeStatus
{
    Changed,
    Unchanged,
    NotFound,
    Replayed,
}

/// <summary>The outcome of a change: the incident as it is now, and a line for the person who asked.</summary>
public sealed record ChangeResult(ChangeStatus Status, Incident? Incident, string Reply);
