using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// Schedule requests: written with a change, leased and completed by the scheduler sync worker, which
/// records what it scheduled for each incident.
/// </summary>
public abstract class ScheduleQueueTests(StorageProvider provider) : StorageTestBase(provider)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RequestSchedule_Twice_KeepsOneRowWithTheLaterTime()
    {
        var incident = await DeclareAsync();

        await RequestAsync(incident.Number, T0);
        await RequestAsync(incident.Number, T0.AddSeconds(5));

        var request = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        Assert.Equal(new ScheduleRequest(incident.Number, T0.AddSeconds(5)), request);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests"));
    }

    [Fact]
    public async Task Claim_LeasesTheOldestRequestsFirst_AndAnotherWorkerGetsNoneOfThemUntilTheLeaseRunsOut()
    {
        var a = await DeclareAsync("a");
        var b = await DeclareAsync("b");
        var c = await DeclareAsync("c");
        await RequestAsync(a.Number, T0.AddSeconds(2));
        await RequestAsync(b.Number, T0);
        await RequestAsync(c.Number, T0.AddSeconds(1));

        var firstTwo = await Schedule.ClaimAsync("worker-1", T0, Lease, 2);
        var rest = await Schedule.ClaimAsync("worker-2", T0, Lease, 10);
        var whileLeased = await Schedule.ClaimAsync("worker-3", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10);
        var afterTheLease = await Schedule.ClaimAsync("worker-3", T0 + Lease, Lease, 10);

        Assert.Equal([new ScheduleRequest(b.Number, T0), new ScheduleRequest(c.Number, T0.AddSeconds(1))], firstTwo);
        Assert.Equal([new ScheduleRequest(a.Number, T0.AddSeconds(2))], rest);
        Assert.Empty(whileLeased);
        Assert.Equal(3, afterTheLease.Count);
        Assert.Empty(await Schedule.ClaimAsync("worker-1", T0, Lease, 0));
    }

    [Fact]
    public async Task Complete_RecordsWhatWasScheduled_AndRemovesTheRequest()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var claimed = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));

        await Schedule.CompleteAsync("worker-1", [Planned(claimed, ("INC-1/update-reminder", T0.AddHours(4)), ("INC-1/escalation/backup-on-call", T0.AddMinutes(15)))]);

        var recorded = (await Schedule.ScheduledAsync([incident.Number]))[incident.Number];
        Assert.Equal(T0.AddHours(4), recorded["INC-1/update-reminder"].DueAt);
        Assert.Equal("job-INC-1/update-reminder", recorded["INC-1/update-reminder"].JobId);
        Assert.Equal(T0.AddMinutes(15), recorded["INC-1/escalation/backup-on-call"].DueAt);
        Assert.Empty(await Schedule.ClaimAsync("worker-2", T0.AddHours(1), Lease, 10));

        // A later pass replaces the record: what is no longer planned is gone.
        await RequestAsync(incident.Number, T0.AddMinutes(5));
        var again = Assert.Single(await Schedule.ClaimAsync("worker-2", T0.AddMinutes(5), Lease, 10));
        await Schedule.CompleteAsync("worker-2", [Planned(again, ("INC-1/update-reminder", T0.AddHours(5)))]);
        Assert.Equal(["INC-1/update-reminder"], (await Schedule.ScheduledAsync([incident.Number]))[incident.Number].Keys);
    }

    [Fact]
    public async Task Complete_AfterARenewal_KeepsTheRenewedRequest_AndReleasesIt()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var claimed = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));

        await RequestAsync(incident.Number, T0.AddSeconds(5));
        await Schedule.CompleteAsync("worker-1", [Planned(claimed)]);

        // Released at once, not at the end of the lease: the change that renewed it gets its pass now.
        var renewed = Assert.Single(await Schedule.ClaimAsync("worker-2", T0.AddSeconds(6), Lease, 10));
        Assert.Equal(T0.AddSeconds(5), renewed.RequestedAt);
        await Schedule.CompleteAsync("worker-2", [Planned(renewed)]);
        Assert.Empty(await Schedule.ClaimAsync("worker-3", T0.AddHours(1), Lease, 10));
    }

    [Fact]
    public async Task Complete_ByAWorkerWhoseLeaseWasTakenOver_LeavesTheRequestToTheNewWorker()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var stale = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        var current = Assert.Single(await Schedule.ClaimAsync("worker-2", T0 + Lease, Lease, 10));

        await Schedule.CompleteAsync("worker-1", [Planned(stale)]);

        Assert.Empty(await Schedule.ClaimAsync("worker-3", T0 + Lease, Lease, 10));
        await Schedule.CompleteAsync("worker-2", [Planned(current)]);
        Assert.Empty(await Schedule.ClaimAsync("worker-3", T0 + Lease + Lease, Lease, 10));
    }

    [Fact]
    public async Task Release_ByAStoppingWorker_GivesItsRequestsBackAtOnce()
    {
        var a = await DeclareAsync("a");
        var b = await DeclareAsync("b");
        await RequestAsync(a.Number, T0);
        await RequestAsync(b.Number, T0);
        Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 1));
        Assert.Single(await Schedule.ClaimAsync("worker-2", T0, Lease, 1));

        await Schedule.ReleaseAsync("worker-1");

        // Well inside both leases: worker-1's request is free again, worker-2's is not.
        var taken = Assert.Single(await Schedule.ClaimAsync("worker-3", T0.AddSeconds(1), Lease, 10));
        Assert.Equal(a.Number, taken.IncidentNumber);
    }

    [Fact]
    public async Task RequestSchedule_RenewedWithinTheSameMillisecondOrAnEarlierClock_StillMovesRequestedAtForward()
    {
        // A frozen test clock, or two hosts whose clocks disagree: the renewal must still be told
        // apart from the request a worker already claimed, or completing that one would lose it.
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var first = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));

        await RequestAsync(incident.Number, T0);
        await Schedule.CompleteAsync("worker-1", [Planned(first)]);
        var second = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        await RequestAsync(incident.Number, T0.AddMinutes(-1));
        await Schedule.CompleteAsync("worker-1", [Planned(second)]);

        var third = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        Assert.True(second.RequestedAt > first.RequestedAt, $"{second.RequestedAt:O} should be after {first.RequestedAt:O}");
        Assert.True(third.RequestedAt > second.RequestedAt, $"{third.RequestedAt:O} should be after {second.RequestedAt:O}");
    }

    [Fact]
    public async Task ForgetScheduled_InTheJobsTransaction_MarksOnlyThatJobAsFired()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var claimed = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        await Schedule.CompleteAsync("worker-1", [Planned(claimed, ("INC-1/update-reminder", T0.AddHours(4)), ("INC-1/escalation/backup-on-call", T0.AddMinutes(15)))]);

        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.ForgetScheduledAsync(incident.Number, "INC-1/escalation/backup-on-call");
            return 0;
        });

        var recorded = (await Schedule.ScheduledAsync([incident.Number]))[incident.Number];
        Assert.Equal(new ScheduledJob(T0.AddHours(4), "job-INC-1/update-reminder"), recorded["INC-1/update-reminder"]);
        Assert.Equal(new ScheduledJob(DateTimeOffset.UnixEpoch, null), recorded["INC-1/escalation/backup-on-call"]);
    }

    [Fact]
    public async Task RequestAll_AsksForEveryIncidentThatCanStillBeChased()
    {
        var open = await DeclareAsync("open");
        var cancelled = await DeclareAsync("cancelled");
        await Incidents.ExecuteAsync(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(cancelled.Number))!;
            loaded.CancelIncident("U100", T0, "false alarm", null);
            await uow.SaveAsync(loaded);
            return 0;
        });

        Assert.Equal(1, await Schedule.RequestAllAsync(T0));

        Assert.Equal([open.Number], (await Schedule.ClaimAsync("worker-1", T0, Lease, 10)).Select(r => r.IncidentNumber));
    }

    [Fact]
    public async Task Repair_ForgetsIncidentsWhoseJobsTheSchedulerLost_AndFindsActiveIncidentsWithNothingRecorded()
    {
        var kept = await DeclareAsync("kept");
        var lost = await DeclareAsync("lost");
        var forgotten = await DeclareAsync("forgotten");
        await RequestAsync(kept.Number, T0);
        await RequestAsync(lost.Number, T0);
        var claimed = await Schedule.ClaimAsync("worker-1", T0, Lease, 10);
        await Schedule.CompleteAsync("worker-1", claimed.Select(r => Planned(r, ($"{IncidentReference.Format(r.IncidentNumber)}/update-reminder", T0.AddHours(4)))).ToList());
        Assert.Equal(
            new[] { (kept.Number, $"job-{IncidentReference.Format(kept.Number)}/update-reminder"), (lost.Number, $"job-{IncidentReference.Format(lost.Number)}/update-reminder") }.Order(),
            (await Schedule.RecordedJobIdsAsync()).Order());

        // The repair pass found that the scheduler no longer holds lost's job.
        var repaired = await Schedule.RepairAsync([lost.Number], T0.AddMinutes(1));

        Assert.Equal(new[] { lost.Number, forgotten.Number }.Order(), repaired.Order());
        Assert.False((await Schedule.ScheduledAsync([lost.Number])).ContainsKey(lost.Number));
        Assert.True((await Schedule.ScheduledAsync([kept.Number])).ContainsKey(kept.Number));
        Assert.Equal(new[] { lost.Number, forgotten.Number }.Order(), (await Schedule.ClaimAsync("worker-2", T0.AddMinutes(1), Lease, 10)).Select(r => r.IncidentNumber).Order());
    }

    [Fact]
    public async Task RequestAll_ForgettingTheRecord_DropsWhatAVolatileSchedulerHeld()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var claimed = Assert.Single(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
        await Schedule.CompleteAsync("worker-1", [Planned(claimed, ("INC-1/update-reminder", T0.AddHours(4)))]);

        Assert.Equal(1, await Schedule.RequestAllAsync(T0.AddMinutes(1), forgetRecorded: true));

        Assert.False((await Schedule.ScheduledAsync([incident.Number])).ContainsKey(incident.Number));
        Assert.Equal([incident.Number], (await Schedule.ClaimAsync("worker-2", T0.AddMinutes(1), Lease, 10)).Select(r => r.IncidentNumber));
    }

    [Fact]
    public async Task RequestSchedule_InATransactionThatRollsBack_LeavesNoRequest()
    {
        var incident = await DeclareAsync();

        await Assert.ThrowsAsync<IncidentRuleException>(() => Incidents.ExecuteAsync<int>(async uow =>
        {
            var loaded = (await uow.LoadForUpdateAsync(incident.Number))!;
            await uow.RequestScheduleAsync(incident.Number, T0);
            loaded.PostUpdate("", "U100", T0); // refused by the domain after the request was written
            return 0;
        }));

        Assert.Empty(await Schedule.ClaimAsync("worker-1", T0, Lease, 10));
    }

    private static PlannedSchedule Planned(ScheduleRequest request, params (string Job, DateTimeOffset Due)[] jobs) =>
        new(request, jobs.ToDictionary(j => j.Job, j => new ScheduledJob(j.Due, $"job-{j.Job}")));

    private Task RequestAsync(long number, DateTimeOffset at) =>
        Incidents.ExecuteAsync(async uow =>
        {
            await uow.RequestScheduleAsync(number, at);
            return 0;
        });
}

public sealed class ScheduleQueueTestsOnSqlite() : ScheduleQueueTests(StorageProvider.Sqlite);

public sealed class ScheduleQueueTestsOnPostgres() : ScheduleQueueTests(StorageProvider.Postgres);
