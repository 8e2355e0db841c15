using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Logging;
using IncidentBot.Messages;
using IncidentBot.Outbox;
using IncidentBot.Queues;
using Microsoft.Extensions.Options;

namespace IncidentBot.Scheduling;

/// <summary>
/// What the scheduled jobs do. Each one re-reads the incident under its row lock and asks the policy
/// again before saying anything, so a trigger that went stale (the incident was updated, acknowledged
/// or resolved meanwhile, or the job fired twice on two replicas) changes nothing. Messages carry a
/// dedup key (<c>INC-42/reminder/&lt;due, unix ms&gt;</c>, <c>INC-42/escalation/&lt;rule&gt;/&lt;round&gt;</c>)
/// so the outbox refuses a second copy even if two runs got past the check. In the same transaction
/// the job forgets its own schedule record and requests a pass, which plans what comes next.
/// </summary>
public sealed class IncidentChaser(
    IIncidentStore store,
    IncidentPolicy policy,
    OutboxSignal outboxSignal,
    ScheduleSignal scheduleSignal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    IncidentMessages messages,
    ILogger<IncidentChaser> logger)
{
    public async Task RemindAsync(long number, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIncidentScope(IncidentReference.Format(number));
        var sent = await ChaseAsync(number, IncidentJobKeys.Reminder(number), policy.NextReminder, async (uow, incident, due, now) =>
        {
            var message = IncidentService.Thread(messages.Reminder(incident, now), broadcast: false) with
            {
                IncidentNumber = number,
                DedupKey = $"{incident.Reference}/reminder/{due.ToUnixTimeMilliseconds()}",
            };
            // Refused as a copy: this very reminder is queued already. Record it all the same, or the
            // next pass would plan the job at the same past time and it would fire again at once.
            var queued = await uow.EnqueueAsync(message, now);
            incident.RecordReminder(now);
            await uow.SaveAsync(incident);
            return queued;
        }, cancellationToken);
        if (sent)
        {
            logger.LogInformation("Update reminder queued");
        }
    }

    public async Task EscalateAsync(long number, string slug, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIncidentScope(IncidentReference.Format(number));
        var rule = policy.FindRule(slug);
        if (rule is null)
        {
            logger.LogInformation("Escalation rule {Rule} no longer configured; nothing to do", slug);
            await ForgetAsync(number, IncidentJobKeys.Escalation(number, slug), cancellationToken);
            return;
        }
        var sent = await ChaseAsync(number, IncidentJobKeys.Escalation(number, slug), i => policy.EscalationDue(i, rule), async (uow, incident, _, now) =>
        {
            if (!incident.RecordEscalation(rule.Slug, rule.Name, rule.Notify, now))
            {
                return false;
            }
            var message = IncidentService.Thread(messages.Escalation(incident, rule), broadcast: incident.Severity.IsHigh()) with
            {
                IncidentNumber = number,
                // Once per rule per round: a reopened incident escalates again.
                DedupKey = $"{incident.Reference}/escalation/{rule.Slug}/{incident.EpisodeStart.ToUnixTimeSeconds()}",
            };
            await uow.EnqueueAsync(message, now);
            await uow.SaveAsync(incident);
            return true;
        }, cancellationToken);
        if (sent)
        {
            logger.LogWarning("Escalated ({Rule}) to {Notify}", rule.Name, rule.Notify);
        }
    }

    public async Task RemindPostmortemAsync(long number, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIncidentScope(IncidentReference.Format(number));
        await ChaseAsync(number, IncidentJobKeys.Postmortem(number), PostmortemPolicy.NextReminder, async (uow, incident, due, now) =>
        {
            var message = IncidentService.Thread(messages.PostmortemReminder(incident)) with
            {
                IncidentNumber = number,
                DedupKey = $"{incident.Reference}/postmortem-reminder/{due.ToUnixTimeMilliseconds()}",
            };
            var queued = await uow.EnqueueAsync(message, now);
            incident.RecordPostmortemReminder(now);
            await uow.SaveAsync(incident);
            return queued;
        }, cancellationToken);
    }

    /// <summary>
    /// A job failed before it could commit (the database went away, say): forget its schedule record
    /// and request a pass, so the next pass plans it again. If even that fails, the synchroniser's
    /// repair pass finds the record without a trigger and does the same.
    /// </summary>
    public async Task ForgetAsync(long number, string job, CancellationToken cancellationToken)
    {
        await store.ExecuteAsync(async uow =>
        {
            await uow.ForgetScheduledAsync(number, job);
            if (await uow.LoadForUpdateAsync(number) is not null)
            {
                await uow.RequestScheduleAsync(number, time.GetUtcNow());
            }
            return 0;
        }, cancellationToken);
        scheduleSignal.Notify();
    }

    /// <summary>
    /// The common shape of a job: under the incident's row lock, find when it is due; act if that is
    /// now (within the tolerance for clock skew); in any case forget this job's schedule record and
    /// request a pass. Returns whether a message was queued.
    /// </summary>
    private async Task<bool> ChaseAsync(
        long number,
        string job,
        Func<Incident, DateTimeOffset?> dueOf,
        Func<IIncidentUnitOfWork, Incident, DateTimeOffset, DateTimeOffset, Task<bool>> act,
        CancellationToken cancellationToken)
    {
        var sent = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            await uow.ForgetScheduledAsync(number, job);
            var incident = await uow.LoadForUpdateAsync(number);
            if (incident is null)
            {
                return false;
            }
            var due = dueOf(incident);
            // Not due (any more, or yet: the clock moved with an update, a severity change, a snooze):
            // the pass requested below lines the job up with the new time, or removes it.
            var acted = due is { } at && at <= now + options.Value.Tolerance && await act(uow, incident, at, now);
            await uow.RequestScheduleAsync(number, now);
            return acted;
        }, cancellationToken);
        scheduleSignal.Notify();
        if (sent)
        {
            outboxSignal.Notify();
        }
        return sent;
    }
}
