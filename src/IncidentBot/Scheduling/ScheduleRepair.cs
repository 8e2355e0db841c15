using Hangfire;
using Hangfire.States;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Scheduling;

/// <summary>
/// Finds schedules that went missing and has them planned again, asking Hangfire rather than reading
/// its tables: a recorded job that is neither in Hangfire's schedule nor enqueued or running (it
/// failed, was deleted from the dashboard, or the store was wiped), and active incidents with nothing
/// recorded and nothing requested.
/// </summary>
public sealed class ScheduleRepair(IScheduleQueue queue)
{
    private static readonly HashSet<string> Alive = new(StringComparer.Ordinal) { ScheduledState.StateName, EnqueuedState.StateName, ProcessingState.StateName };

    public async Task<IReadOnlyList<long>> RunAsync(JobStorage storage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = await queue.RecordedJobIdsAsync(cancellationToken);
        var lost = new HashSet<long>();
        if (recorded.Count > 0)
        {
            using var connection = storage.GetConnection();
            var scheduled = connection.GetAllItemsFromSet("schedule");
            foreach (var (number, jobId) in recorded)
            {
                // Not in the schedule: it fell due (enqueued, running) or is gone. Only then ask for its state.
                if (!scheduled.Contains(jobId) && !lost.Contains(number) && !Alive.Contains(connection.GetStateData(jobId)?.Name ?? ""))
                {
                    lost.Add(number);
                }
            }
        }
        return await queue.RepairAsync(lost, now, cancellationToken);
    }
}
