namespace IncidentBot.Domain.Policy;

/// <summary>How often an active incident owes its stakeholders a status update, by severity.</summary>
public sealed record UpdateCadence(TimeSpan P0, TimeSpan P1, TimeSpan P2, TimeSpan P3) : PerSeverity(P0, P1, P2, P3)
{
    public static readonly UpdateCadence Default = new(
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(24));

    /// <summary>
    /// When the next status update is due: the cadence of the current severity counted from the
    /// latest of declaration, acknowledgement and last update. Null when the incident is not active.
    /// </summary>
    public DateTimeOffset? NextUpdateDue(Incident incident)
    {
        if (!incident.IsActive)
        {
            return null;
        }
        return ClockStart(incident) + For(incident.Severity);
    }

    /// <summary>The update clock restarts at declaration, acknowledgement, every status update and every severity change.</summary>
    public static DateTimeOffset ClockStart(Incident incident) =>
        Max(incident.DeclaredAt, Max(incident.AcknowledgedAt, Max(incident.LastUpdateAt, incident.SeverityChangedAt)));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
