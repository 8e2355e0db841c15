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

/// <summary>Reminds the owner that a status update is due.</summary>
public sealed class UpdateReminderJob(IncidentChaser chaser) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await chaser.RemindAsync(context.MergedJobDataMap.GetLong(IncidentJobKeys.IncidentKey), cancellationToken);
}

/// <summary>Escalates along one rule of the escalation timeline.</summary>
public sealed class EscalationJob(IncidentChaser chaser) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await chaser.EscalateAsync(context.MergedJobDataMap.GetLong(IncidentJobKeys.IncidentKey), context.MergedJobDataMap.GetString(IncidentJobKeys.RuleKey)!, cancellationToken);
}

/// <summary>Reminds that a resolved incident's postmortem is due.</summary>
public sealed class PostmortemReminderJob(IncidentChaser chaser) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await chaser.RemindPostmortemAsync(context.MergedJobDataMap.GetLong(IncidentJobKeys.IncidentKey), cancellationToken);
}
