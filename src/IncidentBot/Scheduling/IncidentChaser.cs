using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Hosting;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Outbox;
using Microsoft.Extensions.Options;

namespace IncidentBot.Scheduling;

/// <summary>
/// What the scheduled jobs do. Each one re-reads the incident under its row lock and asks the policy
/// again before saying anything, so a trigger that went stale (the incident was updated, acknowledged
/// or resolved meanwhile, or the job fired twice on two replicas) changes nothing. Messages carry a
/// dedup key (<c>INC-42/reminder/&lt;due&gt;</c>, <c>INC-42/escalation/&lt;rule&gt;</c>) so the outbox
/// refuses a second copy even if two runs got past the check.
/// </summary>
public sealed class IncidentChaser(
    IIncidentStore store,
    IncidentPolicy policy,
    OutboxSignal outboxSignal,
    ScheduleSignal scheduleSignal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    IOptions<Configuration.IncidentsOptions> incidents,
    ILogger<IncidentChaser> logger)
{
    public async Task RemindAsync(long number, CancellationToken cancellationToken)
    {
        var reference = IncidentReference.Format(number);
        using var scope = logger.BeginIncidentScope(reference);
        var sent = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            var incident = await uow.LoadForUpdateAsync(number);
            var due = incident is null ? null : policy.NextReminder(incident);
            if (incident is null || due is null)
            {
                return false;
            }
            if (due > now + options.Value.Tolerance)
            {
                // The clock moved (update, severity change, snooze): line the job up with the new time.
                await uow.RequestScheduleAsync(number, now);
                return false;
            }
            var message = IncidentService.Thread(ChaseMessages.Reminder(incident, now), broadcast: false) with
            {
                IncidentNumber = number,
                DedupKey = $"{reference}/reminder/{due.Value.ToUnixTimeSeconds()}",
            };
            var queued = await uow.EnqueueAsync(message, now);
            if (queued)
            {
                incident.RecordReminder(now);
                await uow.SaveAsync(incident);
            }
            await uow.RequestScheduleAsync(number, now);
            return queued;
        }, cancellationToken);
        Wake(sent);
        if (sent)
        {
            logger.LogInformation("Update reminder queued");
        }
    }

    public async Task EscalateAsync(long number, string slug, CancellationToken cancellationToken)
    {
        var reference = IncidentReference.Format(number);
        using var scope = logger.BeginIncidentScope(reference);
        var rule = policy.FindRule(slug);
        if (rule is null)
        {
            logger.LogInformation("Escalation rule {Rule} no longer configured; nothing to do", slug);
            return;
        }
        var sent = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            var incident = await uow.LoadForUpdateAsync(number);
            var due = incident is null ? null : IncidentPolicy.EscalationDue(incident, rule);
            if (incident is null || due is null)
            {
                return false;
            }
            if (due > now + options.Value.Tolerance)
            {
                await uow.RequestScheduleAsync(number, now);
                return false;
            }
            if (!incident.RecordEscalation(rule.Slug, rule.Name, rule.Notify, now))
            {
                return false;
            }
            var message = IncidentService.Thread(ChaseMessages.Escalation(incident, rule.Name, ChaseMessages.Why(rule.When, rule.After), rule.Notify), broadcast: incident.Severity.IsHigh()) with
            {
                IncidentNumber = number,
                DedupKey = $"{reference}/escalation/{rule.Slug}",
            };
            await uow.EnqueueAsync(message, now);
            await uow.SaveAsync(incident);
            await uow.RequestScheduleAsync(number, now);
            return true;
        }, cancellationToken);
        Wake(sent);
        if (sent)
        {
            logger.LogWarning("Escalated ({Rule}) to {Notify}", rule.Name, rule.Notify);
        }
    }

    public async Task RemindPostmortemAsync(long number, CancellationToken cancellationToken)
    {
        var reference = IncidentReference.Format(number);
        using var scope = logger.BeginIncidentScope(reference);
        var sent = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            var incident = await uow.LoadForUpdateAsync(number);
            var due = incident is null ? null : PostmortemPolicy.NextReminder(incident);
            if (incident is null || due is null)
            {
                return false;
            }
            if (due > now + options.Value.Tolerance)
            {
                await uow.RequestScheduleAsync(number, now);
                return false;
            }
            var message = IncidentService.Thread(PostmortemMessages.Reminder(incident, incidents.Value.PostmortemUrl(incident.Reference))) with
            {
                IncidentNumber = number,
                DedupKey = $"{reference}/postmortem-reminder/{due.Value.ToUnixTimeSeconds()}",
            };
            var queued = await uow.EnqueueAsync(message, now);
            if (queued)
            {
                incident.RecordPostmortemReminder(now);
                await uow.SaveAsync(incident);
            }
            await uow.RequestScheduleAsync(number, now);
            return queued;
        }, cancellationToken);
        Wake(sent);
    }

    private void Wake(bool sent)
    {
        scheduleSignal.Notify();
        if (sent)
        {
            outboxSignal.Notify();
        }
    }
}
