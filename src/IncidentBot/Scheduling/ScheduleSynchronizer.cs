using Hangfire;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Queues;
using Microsoft.Extensions.Options;

namespace IncidentBot.Scheduling;

/// <summary>
/// Carries the policy out in Hangfire. Every change to an incident writes a schedule request in its own
/// transaction; this worker leases a batch of requests (one worker per incident at a time, so two
/// replicas never apply an old and a new plan out of order), asks the policy what is due for each
/// incident now, compares that with what it recorded as scheduled (<c>scheduled_jobs</c>: name, due,
/// Hangfire's job id), and sends Hangfire only the differences: a new scheduled job where the due time
/// changed, a delete for the job it replaces or that is no longer wanted. It then records the new
/// schedule and completes the requests in one transaction; a crash in between leaves at most a job
/// nobody recorded, which fires, finds nothing due (or acts once, under the same dedup key) and is gone.
/// <para>At start it requests a pass for every incident that can still be chased (so a changed
/// cadence or a new escalation rule reaches incidents already open; with an in-memory Hangfire store,
/// after dropping the record of a store that is gone), and every <see cref="SchedulingOptions.RepairInterval"/>
/// it asks Hangfire whether the recorded jobs still exist and plans missing ones again.</para>
/// </summary>
public sealed class ScheduleSynchronizer(
    IIncidentStore store,
    IScheduleQueue queue,
    IBackgroundJobClient jobs,
    SchedulerStore jobStore,
    ScheduleRepair repair,
    IncidentPolicy policy,
    ScheduleSignal signal,
    TimeProvider time,
    IOptions<SchedulingOptions> options,
    ILogger<ScheduleSynchronizer> logger) : LeasedQueueWorker(signal, logger)
{
    private DateTimeOffset _nextRepair = DateTimeOffset.MinValue;

    protected override string QueueName => "Schedule sync";

    protected override async Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        await RequestAllAtStartAsync(cancellationToken);
        return true;
    }

    /// <summary>A full batch may have left requests behind; a smaller one emptied the queue.</summary>
    protected override bool MayHaveMore(int handled) => handled >= options.Value.SyncBatchSize;

    protected override Task IdleAsync(CancellationToken cancellationToken) => RepairIfDueAsync(cancellationToken);

    protected override TimeSpan NextPoll() => options.Value.SyncPollInterval;

    /// <summary>Woken by a change: let the requests of its neighbours gather for a moment, so one pass covers them all.</summary>
    protected override Task WokenAsync(CancellationToken cancellationToken) => Task.Delay(options.Value.SyncGather, time, cancellationToken);

    /// <summary>A stopping synchroniser gives its leased requests back, so a restarted or other replica plans them at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await queue.ReleaseAsync(WorkerId, cancellationToken);
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
            var requested = await queue.RequestAllAsync(time.GetUtcNow(), forgetRecorded: jobStore.IsVolatile, cancellationToken);
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
    public override async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var requests = await queue.ClaimAsync(WorkerId, time.GetUtcNow(), settings.SyncLease, settings.SyncBatchSize, cancellationToken);
        if (requests.Count == 0)
        {
            return 0;
        }
        var numbers = requests.Select(r => r.IncidentNumber).ToList();
        var incidents = (await store.FindManyAsync(numbers, cancellationToken)).ToDictionary(i => i.Number);
        var recorded = await queue.ScheduledAsync(numbers, cancellationToken);

        var toCreate = new List<(Dictionary<string, ScheduledJob> Plan, WantedJob Job)>();
        var toDelete = new List<string>();
        var outcomes = new List<PlannedSchedule>(requests.Count);
        foreach (var request in requests)
        {
            var wanted = Wanted(request.IncidentNumber, incidents.GetValueOrDefault(request.IncidentNumber));
            var had = recorded.GetValueOrDefault(request.IncidentNumber) ?? new Dictionary<string, ScheduledJob>();
            var plan = new Dictionary<string, ScheduledJob>(StringComparer.Ordinal);
            foreach (var (name, job) in wanted)
            {
                var before = had.GetValueOrDefault(name);
                if (before is { JobId: not null } && before.DueAt == job.DueAt)
                {
                    plan[name] = before;
                    continue;
                }
                toCreate.Add((plan, job));
                if (before?.JobId is { } replaced)
                {
                    toDelete.Add(replaced);
                }
            }
            toDelete.AddRange(had.Where(h => !wanted.ContainsKey(h.Key) && h.Value.JobId is not null).Select(h => h.Value.JobId!));
            outcomes.Add(new PlannedSchedule(request, plan));
        }

        // Each create or delete is one Hangfire storage transaction; a few run at once.
        await OnOwnThreadsAsync(toCreate, settings.SyncParallelism, c =>
        {
            var id = c.Job.Schedule(jobs);
            lock (c.Plan)
            {
                c.Plan[c.Job.Name] = new ScheduledJob(c.Job.DueAt, id);
            }
        }, cancellationToken);
        await OnOwnThreadsAsync(toDelete, settings.SyncParallelism, id => jobs.Delete(id), cancellationToken);
        await queue.CompleteAsync(WorkerId, outcomes, cancellationToken);
        logger.LogDebug("Schedule pass: {Requests} incidents, {Scheduled} jobs scheduled, {Deleted} removed", requests.Count, toCreate.Count, toDelete.Count);
        return requests.Count;
    }

    /// <summary>
    /// Hangfire's client blocks on its database calls: run them on threads of their own, so a burst of
    /// schedule changes never holds the thread pool that answers Slack's requests.
    /// </summary>
    private static Task OnOwnThreadsAsync<T>(IReadOnlyList<T> items, int parallelism, Action<T> act, CancellationToken cancellationToken)
    {
        var next = -1;
        var threads = Math.Min(Math.Max(1, parallelism), items.Count);
        return Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                act(items[i]);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    private async Task RepairIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextRepair)
        {
            return;
        }
        _nextRepair = now + options.Value.RepairInterval;
        var repaired = await repair.RunAsync(jobStore.Storage, now, cancellationToken);
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
        Add(new WantedJob(IncidentJobKeys.Reminder(number), number, null, plan.NextReminder));
        foreach (var escalation in plan.Escalations)
        {
            Add(new WantedJob(IncidentJobKeys.Escalation(number, escalation.Rule.Slug), number, escalation.Rule.Slug, escalation.DueAt));
        }
        Add(new WantedJob(IncidentJobKeys.Postmortem(number), number, null, PostmortemPolicy.NextReminder(incident), Postmortem: true));
        return wanted;

        void Add(WantedJob job)
        {
            if (job.Due is not null)
            {
                wanted[job.Name] = job;
            }
        }
    }

    /// <summary>A job at its due time, to the millisecond (what the record keeps).</summary>
    private sealed record WantedJob(string Name, long Number, string? Rule, DateTimeOffset? Due, bool Postmortem = false)
    {
        public DateTimeOffset DueAt => DateTimeOffset.FromUnixTimeMilliseconds(Due!.Value.ToUnixTimeMilliseconds());

        /// <summary>One Hangfire job in the Scheduled state at the due time (a due time already past is enqueued at the next poll, once); returns its id.</summary>
        public string Schedule(IBackgroundJobClient client)
        {
            var number = Number;
            return Rule switch
            {
                { } rule => client.Schedule<EscalationJob>(j => j.RunAsync(number, rule, CancellationToken.None), DueAt),
                null when Postmortem => client.Schedule<PostmortemReminderJob>(j => j.RunAsync(number, CancellationToken.None), DueAt),
                null => client.Schedule<UpdateReminderJob>(j => j.RunAsync(number, CancellationToken.None), DueAt),
            };
        }
    }
}
