using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>Schedule requests: written with a change, peeked and completed by the scheduler sync worker.</summary>
public abstract class ScheduleQueueTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task RequestSchedule_Twice_KeepsOneRowWithTheLaterTime()
    {
        var incident = await DeclareAsync();

        await RequestAsync(incident.Number, T0);
        await RequestAsync(incident.Number, T0.AddSeconds(5));

        var request = Assert.Single(await Schedule.PeekAsync(10));
        Assert.Equal(new ScheduleRequest(incident.Number, T0.AddSeconds(5)), request);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests"));
    }

    [Fact]
    public async Task Complete_WithTheTimeItWasPeekedAt_AfterARenewal_LeavesTheRenewedRequest()
    {
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var peeked = Assert.Single(await Schedule.PeekAsync(10));

        await RequestAsync(incident.Number, T0.AddSeconds(5));
        await Schedule.CompleteAsync(peeked);

        var renewed = Assert.Single(await Schedule.PeekAsync(10));
        Assert.Equal(T0.AddSeconds(5), renewed.RequestedAt);
        await Schedule.CompleteAsync(renewed);
        Assert.Empty(await Schedule.PeekAsync(10));
    }

    [Fact]
    public async Task RequestSchedule_RenewedWithinTheSameMillisecondOrAnEarlierClock_StillMovesRequestedAtForward()
    {
        // A frozen test clock, or two hosts whose clocks disagree: the renewal must still be told
        // apart from the request a worker already peeked, or completing that one would lose it.
        var incident = await DeclareAsync();
        await RequestAsync(incident.Number, T0);
        var first = Assert.Single(await Schedule.PeekAsync(10));

        await RequestAsync(incident.Number, T0);
        await Schedule.CompleteAsync(first);
        var second = Assert.Single(await Schedule.PeekAsync(10));
        await RequestAsync(incident.Number, T0.AddMinutes(-1));
        await Schedule.CompleteAsync(second);

        var third = Assert.Single(await Schedule.PeekAsync(10));
        Assert.True(second.RequestedAt > first.RequestedAt, $"{second.RequestedAt:O} should be after {first.RequestedAt:O}");
        Assert.True(third.RequestedAt > second.RequestedAt, $"{third.RequestedAt:O} should be after {second.RequestedAt:O}");
    }

    [Fact]
    public async Task Peek_ReturnsTheOldestRequestsFirst_UpToMax()
    {
        var a = await DeclareAsync("a");
        var b = await DeclareAsync("b");
        var c = await DeclareAsync("c");
        await RequestAsync(a.Number, T0.AddSeconds(2));
        await RequestAsync(b.Number, T0);
        await RequestAsync(c.Number, T0.AddSeconds(1));

        var firstTwo = await Schedule.PeekAsync(2);

        Assert.Equal([new ScheduleRequest(b.Number, T0), new ScheduleRequest(c.Number, T0.AddSeconds(1))], firstTwo);
        // Peeking does not take anything off the queue.
        Assert.Equal(3, (await Schedule.PeekAsync(10)).Count);
        Assert.Empty(await Schedule.PeekAsync(0));
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

        Assert.Empty(await Schedule.PeekAsync(10));
    }

    private Task RequestAsync(long number, DateTimeOffset at) =>
        Incidents.ExecuteAsync(async uow =>
        {
            await uow.RequestScheduleAsync(number, at);
            return 0;
        });
}

public sealed class ScheduleQueueTestsOnSqlite() : ScheduleQueueTests(StorageProvider.Sqlite);

public sealed class ScheduleQueueTestsOnPostgres() : ScheduleQueueTests(StorageProvider.Postgres);
