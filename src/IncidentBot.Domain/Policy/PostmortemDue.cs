namespace IncidentBot.Domain.Policy;

/// <summary>
/// How long after its resolution an incident's postmortem is due, by severity. The runbook's review
/// windows by default: P0/P1 within 48 h, P2 within a week, P3 in the monthly batch.
/// </summary>
public sealed record PostmortemDue(TimeSpan P0, TimeSpan P1, TimeSpan P2, TimeSpan P3) : PerSeverity(P0, P1, P2, P3)
{
    public static readonly PostmortemDue Default = new(
        TimeSpan.FromHours(48), TimeSpan.FromHours(48), TimeSpan.FromDays(7), TimeSpan.FromDays(30));
}
