using IncidentBot.Incidents;
using Quartz;

namespace IncidentBot.Scheduling;

/// <summary>Hourly: reminds owners of overdue action items (each item at most once a day).</summary>
public sealed class OverdueActionItemsJob(FollowUpService followUps) : IJob
{
    public static readonly JobKey Key = new("action-items/overdue", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await followUps.RemindOverdueAsync(cancellationToken);
}
