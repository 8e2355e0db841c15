namespace IncidentBot.Domain.Policy;

/// <summary>When a resolved incident's postmortem is chased: at its due date, then daily until it is done.</summary>
public static class PostmortemPolicy
{
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromDays(1);

    public static DateTimeOffset? NextReminder(Incident incident)
    {
        if (incident.State != IncidentState.Resolved || !incident.PostmortemRequired || incident.PostmortemDoneAt is not null || incident.PostmortemDueAt is not { } due)
        {
            return null;
        }
        return incident.LastPostmortemReminderAt is { } last && last + RepeatEvery > due ? last + RepeatEvery : due;
    }
}
