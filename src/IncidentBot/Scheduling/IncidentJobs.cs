using Hangfire;
using IncidentBot.Domain;

namespace IncidentBot.Scheduling;

/// <summary>
/// Job names, derived from the incident: <c>INC-42/update-reminder</c>, <c>INC-42/escalation/backup-on-call</c>,
/// <c>INC-42/postmortem-reminder</c>. Hangfire gives each job an id; <c>scheduled_jobs</c> keeps which id
/// stands for which name. Only primitives go into a job's arguments.
/// </summary>
public static class IncidentJobKeys
{
    public static string Reminder(long number) => $"{IncidentReference.Format(number)}/update-reminder";

    public static string Escalation(long number, string slug) => $"{IncidentReference.Format(number)}/escalation/{slug}";

    public static string Postmortem(long number) => $"{IncidentReference.Format(number)}/postmortem-reminder";
}

/// <summary>
/// The shape every chase job shares: run the chaser; if it fails, hand the job back to the
/// synchroniser (<see cref="IncidentChaser.ForgetAsync"/>), which plans it again, and let Hangfire
/// record the failure. Hangfire does not retry it itself: a retry would be a second copy of the plan.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public abstract class ChaseJob(IncidentChaser chaser, ILogger logger)
{
    protected async Task RunAsync(long number, string job, Func<IncidentChaser, Task> chase, CancellationToken cancellationToken)
    {
        try
        {
            await chase(chaser);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Job} failed; asking for it to be planned again", job);
            try
            {
                await chaser.ForgetAsync(number, job, cancellationToken);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                logger.LogError(again, "Could not hand {Job} back; the repair pass will find it", job);
            }
            throw;
        }
    }
}

/// <summary>Reminds the owner that a status update is due.</summary>
public sealed class UpdateReminderJob(IncidentChaser chaser, ILogger<UpdateReminderJob> logger) : ChaseJob(chaser, logger)
{
    public Task RunAsync(long number, CancellationToken cancellationToken) =>
        RunAsync(number, IncidentJobKeys.Reminder(number), c => c.RemindAsync(number, cancellationToken), cancellationToken);
}

/// <summary>Posts an escalation when its rule's condition still holds.</summary>
public sealed class EscalationJob(IncidentChaser chaser, ILogger<EscalationJob> logger) : ChaseJob(chaser, logger)
{
    public Task RunAsync(long number, string rule, CancellationToken cancellationToken) =>
        RunAsync(number, IncidentJobKeys.Escalation(number, rule), c => c.EscalateAsync(number, rule, cancellationToken), cancellationToken);
}

/// <summary>Reminds that a resolved incident's postmortem is due.</summary>
public sealed class PostmortemReminderJob(IncidentChaser chaser, ILogger<PostmortemReminderJob> logger) : ChaseJob(chaser, logger)
{
    public Task RunAsync(long number, CancellationToken cancellationToken) =>
        RunAsync(number, IncidentJobKeys.Postmortem(number), c => c.RemindPostmortemAsync(number, cancellationToken), cancellationToken);
}
