using IncidentBot.Domain;
using Quartz;

namespace IncidentBot.Scheduling;

/// <summary>
/// Job identities, derived from the incident so they can be found, replaced and deleted without a
/// lookup table: <c>INC-42/update-reminder</c>, <c>INC-42/escalation/backup-on-call</c>,
/// <c>INC-42/postmortem-reminder</c>. Only primitives go into the job data.
/// </summary>
public static class IncidentJobKeys
{
    public const string Group = "incidents";
    public const string IncidentKey = "incident";
    public const string RuleKey = "rule";

    public static JobKey Reminder(long number) => new($"{IncidentReference.Format(number)}/update-reminder", Group);

    public static JobKey Escalation(long number, string slug) => new($"{IncidentReference.Format(number)}/escalation/{slug}", Group);

    public static JobKey Postmortem(long number) => new($"{IncidentReference.Format(number)}/postmortem-reminder", Group);

    public static TriggerKey TriggerFor(JobKey job) => new(job.Name, job.Group);
}

/// <summary>
/// The shape every chase job shares: run the chaser; if it fails, hand the job back to the
/// synchroniser (<see cref="IncidentChaser.ForgetAsync"/>) so a one-shot trigger that was used up
/// does not end the chasing of its incident, then let Quartz record the failure.
/// </summary>
public abstract class ChaseJob(IncidentChaser chaser, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var number = context.MergedJobDataMap.GetLong(IncidentJobKeys.IncidentKey);
        try
        {
            await RunAsync(chaser, number, context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Job} failed; asking for it to be planned again", context.JobDetail.Key.Name);
            try
            {
                await chaser.ForgetAsync(number, context.JobDetail.Key, cancellationToken);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                logger.LogError(again, "Could not hand {Job} back; the repair pass will find it", context.JobDetail.Key.Name);
            }
            throw new JobExecutionException(e);
        }
    }

    protected abstract Task RunAsync(IncidentChaser chaser, long number, IJobExecutionContext context, CancellationToken cancellationToken);
}

/// <summary>Reminds the owner that a status update is due.</summary>
public sealed class UpdateReminderJob(IncidentChaser chaser, ILogger<UpdateReminderJob> logger) : ChaseJob(chaser, logger)
{
    protected override Task RunAsync(IncidentChaser chaser, long number, IJobExecutionContext context, CancellationToken cancellationToken) =>
        chaser.RemindAsync(number, cancellationToken);
}

/// <summary>Escalates along one rule of the escalation timeline.</summary>
public sealed class EscalationJob(IncidentChaser chaser, ILogger<EscalationJob> logger) : ChaseJob(chaser, logger)
{
    protected override Task RunAsync(IncidentChaser chaser, long number, IJobExecutionContext context, CancellationToken cancellationToken) =>
        chaser.EscalateAsync(number, context.MergedJobDataMap.GetString(IncidentJobKeys.RuleKey)!, cancellationToken);
}

/// <summary>Reminds that a resolved incident's postmortem is due.</summary>
public sealed class PostmortemReminderJob(IncidentChaser chaser, ILogger<PostmortemReminderJob> logger) : ChaseJob(chaser, logger)
{
    protected override Task RunAsync(IncidentChaser chaser, long number, IJobExecutionContext context, CancellationToken cancellationToken) =>
        chaser.RemindPostmortemAsync(number, cancellationToken);
}
