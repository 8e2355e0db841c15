using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Outbox;
using Microsoft.Extensions.Options;
using Quartz;

namespace IncidentBot.Scheduling;

/// <summary>
/// Carries the policy out in Quartz. Every change to an incident writes a schedule request in its
/// own transaction; this worker takes the requests, asks the policy what is due for the incident
/// now, and makes the incident's jobs match: one trigger at each due time, none for what is no
/// longer due. The request is removed only after Quartz has stored the result, so a crash in between
/// just repeats the (idempotent) work.
/// </summary>
public sealed class ScheduleSynchronizer(
    IIncidentStore store,
    IScheduleQueue queue,
    ISchedulerFactory schedulers,
    IncidentPolicy policy,
    ScheduleSignal signal,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduleSynchronizer> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await SyncOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Schedule sync failed; retrying shortly");
            }
            if (handled < Batch)
            {
                try
                {
                    await signal.WaitAsync(options.Value.SyncPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var requests = await queue.PeekAsync(Batch, cancellationToken);
        if (requests.Count == 0)
        {
            return 0;
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var request in requests)
        {
            var incident = await store.FindAsync(request.IncidentNumber, cancellationToken);
            await ApplyAsync(scheduler, request.IncidentNumber, incident, cancellationToken);
            await queue.CompleteAsync(request, cancellationToken);
        }
        return requests.Count;
    }

    private async Task ApplyAsync(IScheduler scheduler, long number, Incident? incident, CancellationToken cancellationToken)
    {
        var plan = incident is null ? IncidentPlan.Nothing : policy.Plan(incident);
        await PlaceAsync<UpdateReminderJob>(scheduler, IncidentJobKeys.Reminder(number), number, null, plan.NextReminder, cancellationToken);
        foreach (var rule in policy.Rules)
        {
            var due = plan.Escalations.FirstOrDefault(e => e.Rule.Slug == rule.Slug)?.DueAt;
            await PlaceAsync<EscalationJob>(scheduler, IncidentJobKeys.Escalation(number, rule.Slug), number, rule.Slug, due, cancellationToken);
        }
        var postmortem = incident is null ? null : PostmortemPolicy.NextReminder(incident);
        await PlaceAsync<PostmortemReminderJob>(scheduler, IncidentJobKeys.Postmortem(number), number, null, postmortem, cancellationToken);
    }

    /// <summary>One trigger at <paramref name="due"/> (fired once, and once only after downtime), or no job when nothing is due.</summary>
    private static async Task PlaceAsync<TJob>(IScheduler scheduler, JobKey key, long number, string? rule, DateTimeOffset? due, CancellationToken cancellationToken)
        where TJob : IJob
    {
        var triggerKey = IncidentJobKeys.TriggerFor(key);
        var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
        if (due is null)
        {
            if (existing is not null || await scheduler.Exists(key, cancellationToken))
            {
                await scheduler.DeleteJob(key, cancellationToken);
            }
            return;
        }
        // A one-shot trigger fires at its start time; the same time means nothing to change.
        if (existing is not null && existing.StartTimeUtc == due.Value)
        {
            return;
        }
        var data = new JobDataMap { [IncidentJobKeys.IncidentKey] = number };
        if (rule is not null)
        {
            data[IncidentJobKeys.RuleKey] = rule;
        }
        var job = JobBuilder.Create<TJob>()
            .WithIdentity(key)
            .UsingJobData(data)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(triggerKey)
            .ForJob(key)
            .StartAt(due.Value)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
