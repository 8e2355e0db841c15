using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Outbox;
using Microsoft.Extensions.Options;
using Quartz;

namespace IncidentBot.Scheduling;

/// <summary>
/// Carries the policy out in Quartz. Every change to an incident writes a schedule request in its own
/// transaction; this worker leases a batch of requests (one worker per incident at a time, so two
/// replicas never apply an old and a new plan out of order), asks the policy what is due for each
/// incident now, compares that with what it recorded as scheduled, and sends Quartz only the
/// differences: one <c>ScheduleJobs</c> and one <c>DeleteJobs</c> per batch. It then records the new
/// schedule and completes the requests in one transaction; a crash in between just repeats the
/// (idempotent) work when the lease runs out.
/// <para>At start it requests a pass for every incident that can still be chased (so a changed
/// cadence or a new escalation rule reaches incidents already open), and every
/// <see cref="SchedulingOptions.RepairInterval"/> it looks for schedules that went missing (a job that
/// failed, Quartz tables emptied) and plans them again.</para>
/// </summary>
public sealed class ScheduleSynchronizer(
    IIncidentStore store,
    IScheduleQueue queue,
    ISchedulerFactory schedulers,
    IncidentPolicy policy,
    ScheduleSignal signal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduleSynchronizer> logger) : BackgroundService
{
    /// <summary>Quartz's trigger table as ProvisionSchema creates it (default prefix QRTZ_; PostgreSQL folds it to lower case).</summary>
    public const string QuartzTriggersTable = "qrtz_triggers";

    private readonly string _workerId = $"{Environment.ProcessId}/{Guid.NewGuid():N}";
    private DateTimeOffset _nextRepair = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RequestAllAtStartAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await SyncOnceAsync(stoppingToken);
                if (handled == 0)
                {
                    await RepairIfDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Schedule sync failed; retrying shortly");
            }
            if (handled < options.Value.SyncBatchSize)
            {
                try
                {
                    // Woken by a change: let the requests of its neighbours gather for a moment, so one
                    // pass (one Quartz write) covers them all instead of one pass each.
                    if (await signal.WaitAsync(options.Value.SyncPollInterval, stoppingToken))
                    {
                        await Task.Delay(options.Value.SyncGather, time, stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>A stopping synchroniser gives its leased requests back, so a restarted or other replica plans them at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await queue.ReleaseAsync(_workerId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not give back leased schedule requests; they are taken again when the lease runs out");
        }
    }

    private async Task RequestAllAtStartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var requested = await queue.RequestAllAsync(time.GetUtcNow(), cancellationToken);
            if (requested > 0)
            {
                logger.LogInformation("Bringing the schedules of {Count} incidents in line with the policy", requested);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: the repair pass finds what this would have found, later.
            logger.LogError(e, "Could not request schedule passes at start");
        }
    }

    /// <summary>One pass over up to <see cref="SchedulingOptions.SyncBatchSize"/> requests; returns how many were handled.</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var requests = await queue.ClaimAsync(_workerId, time.GetUtcNow(), settings.SyncLease, settings.SyncBatchSize, cancellationToken);
        if (requests.Count == 0)
        {
            return 0;
        }
        var numbers = requests.Select(r => r.IncidentNumber).ToList();
        var incidents = (await store.FindManyAsync(numbers, cancellationToken)).ToDictionary(i => i.Number);
        var recorded = await queue.ScheduledAsync(numbers, cancellationToken);

        var toSchedule = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
        var toDelete = new List<JobKey>();
        var outcomes = new List<PlannedSchedule>(requests.Count);
        foreach (var request in requests)
        {
            var wanted = Wanted(request.IncidentNumber, incidents.GetValueOrDefault(request.IncidentNumber));
            var had = recorded.GetValueOrDefault(request.IncidentNumber) ?? new Dictionary<string, DateTimeOffset>();
            foreach (var job in wanted.Values)
            {
                if (!had.TryGetValue(job.Key.Name, out var due) || due != job.DueAt)
                {
                    var (detail, trigger) = job.Build();
                    toSchedule[detail] = [trigger];
                }
            }
            toDelete.AddRange(had.Keys.Where(name => !wanted.ContainsKey(name)).Select(name => new JobKey(name, IncidentJobKeys.Group)));
            outcomes.Add(new PlannedSchedule(request, wanted.ToDictionary(w => w.Key, w => w.Value.DueAt, StringComparer.Ordinal)));
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (toSchedule.Count > 0)
        {
            await scheduler.ScheduleJobs(toSchedule, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
        if (toDelete.Count > 0)
        {
            await scheduler.DeleteJobs(toDelete, cancellationToken);
        }
        await queue.CompleteAsync(_workerId, outcomes, cancellationToken);
        logger.LogDebug("Schedule pass: {Requests} incidents, {Scheduled} jobs (re)scheduled, {Deleted} removed", requests.Count, toSchedule.Count, toDelete.Count);
        return requests.Count;
    }

    private async Task RepairIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextRepair)
        {
            return;
        }
        _nextRepair = now + options.Value.RepairInterval;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var repaired = await queue.RepairAsync(QuartzTriggersTable, scheduler.SchedulerName, IncidentJobKeys.Group, now, cancellationToken);
        if (repaired.Count > 0)
        {
            logger.LogWarning("Found {Count} incidents whose reminders or escalations had gone missing ({Incidents}); planning them again",
                repaired.Count, string.Join(", ", repaired.Take(20).Select(IncidentReference.Format)));
            signal.Notify();
        }
    }

    /// <summary>Every job the policy wants for the incident now, by job name (nothing for an incident that is gone).</summary>
    private Dictionary<string, WantedJob> Wanted(long number, Incident? incident)
    {
        var wanted = new Dictionary<string, WantedJob>(StringComparer.Ordinal);
        if (incident is null)
        {
            return wanted;
        }
        var plan = policy.Plan(incident);
        Add(new WantedJob(IncidentJobKeys.Reminder(number), Detail<UpdateReminderJob>, number, null, plan.NextReminder));
        foreach (var escalation in plan.Escalations)
        {
            Add(new WantedJob(IncidentJobKeys.Escalation(number, escalation.Rule.Slug), Detail<EscalationJob>, number, escalation.Rule.Slug, escalation.DueAt));
        }
        Add(new WantedJob(IncidentJobKeys.Postmortem(number), Detail<PostmortemReminderJob>, number, null, PostmortemPolicy.NextReminder(incident)));
        return wanted;

        void Add(WantedJob job)
        {
            if (job.Due is not null)
            {
                wanted[job.Key.Name] = job;
            }
        }
    }

    /// <summary>
    /// Durable: a job outlives its spent trigger, so Quartz completes a firing without its cluster-wide
    /// TRIGGER_ACCESS lock (for a non-durable job it must count the job's triggers under the lock to
    /// know whether to delete the job; that lock was what capped the firing rate). The synchroniser
    /// deletes a job once nothing more is planned for it.
    /// </summary>
    private static IJobDetail Detail<TJob>(JobKey key, JobDataMap data)
        where TJob : IJob =>
        JobBuilder.Create<TJob>().WithIdentity(key).UsingJobData(data).StoreDurably().RequestRecovery().Build();

    /// <summary>A job at its due time, to the millisecond (what the record and Quartz both keep).</summary>
    private sealed record WantedJob(JobKey Key, Func<JobKey, JobDataMap, IJobDetail> Detail, long Number, string? Rule, DateTimeOffset? Due)
    {
        public DateTimeOffset DueAt => DateTimeOffset.FromUnixTimeMilliseconds(Due!.Value.ToUnixTimeMilliseconds());

        /// <summary>One trigger at the due time, fired once (and once only after downtime: a missed one fires at once).</summary>
        public (IJobDetail Detail, ITrigger Trigger) Build()
        {
            var data = new JobDataMap { [IncidentJobKeys.IncidentKey] = Number };
            if (Rule is not null)
            {
                data[IncidentJobKeys.RuleKey] = Rule;
            }
            var detail = Detail(Key, data);
            var trigger = TriggerBuilder.Create()
                .WithIdentity(IncidentJobKeys.TriggerFor(Key))
                .ForJob(Key)
                .StartAt(DueAt)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            return (detail, trigger);
        }
    }
}
