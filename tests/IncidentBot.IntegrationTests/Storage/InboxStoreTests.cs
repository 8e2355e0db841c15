using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>
/// The inbox: Slack requests stored on the request path (one grouped INSERT), then leased to a
/// worker that applies them, one incident's requests in the order they came.
/// </summary>
public abstract class InboxStoreTests(StorageProvider provider) : StorageTestBase(provider)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private IInbox Inbox => Storage.Inbox;

    [Fact]
    public async Task Admit_StoresARequestOnce_AndSaysWhetherItWasNew()
    {
        Assert.True(await Inbox.AdmitAsync(Item("cmd:v0=aa", "text=ack+INC-1", 1)));
        Assert.False(await Inbox.AdmitAsync(Item("cmd:v0=aa", "text=ack+INC-1", 1)));

        var claimed = Assert.Single(await Inbox.ClaimAsync("worker-1", T0, Lease, 10));
        Assert.Equal(new InboxItem("cmd:v0=aa", InboxKind.Command, "text=ack+INC-1", 1, T0), claimed.Item);
        Assert.Equal(1, claimed.Attempts);
    }

    [Fact]
    public async Task Admit_ManyAtOnce_StoresEachKeyOnce_AndAnswersEveryCaller()
    {
        // 300 requests arriving together (more than one grouped INSERT takes), every third a replay.
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => Inbox.AdmitAsync(Item($"cmd:{i / 3}", $"body {i / 3}", null)))));

        Assert.Equal(100, results.Count(r => r));
        Assert.Equal(100L, await ScalarAsync<long>("SELECT COUNT(*) FROM inbox"));
        Assert.Equal(100L, await ScalarAsync<long>("SELECT COUNT(DISTINCT key) FROM inbox"));
    }

    [Fact]
    public async Task Claim_TakesOneIncidentsRequestsInOrder_AndOtherIncidentsAlongside()
    {
        await Inbox.AdmitAsync(Item("a1", "INC-1 first", 1));
        await Inbox.AdmitAsync(Item("b1", "INC-2 first", 2));
        await Inbox.AdmitAsync(Item("a2", "INC-1 second", 1));
        await Inbox.AdmitAsync(Item("open", "an open", null));

        var first = await Inbox.ClaimAsync("worker-1", T0, Lease, 10);
        var whileInFlight = await Inbox.ClaimAsync("worker-2", T0, Lease, 10);
        await Inbox.CompleteAsync(first.Single(r => r.Item.Key == "a1").Id, T0);
        var afterTheFirst = await Inbox.ClaimAsync("worker-2", T0, Lease, 10);

        Assert.Equal(["a1", "b1", "open"], first.Select(r => r.Item.Key));
        Assert.Empty(whileInFlight);
        Assert.Equal("a2", Assert.Single(afterTheFirst).Item.Key);
    }

    [Fact]
    public async Task RetryLater_AndFail_ReleaseTheIncidentsLaterRequests_OnlyWhenGivenUp()
    {
        await Inbox.AdmitAsync(Item("a1", "INC-1 first", 1));
        await Inbox.AdmitAsync(Item("a2", "INC-1 second", 1));
        var first = Assert.Single(await Inbox.ClaimAsync("worker-1", T0, Lease, 10));

        await Inbox.RetryLaterAsync(first.Id, T0.AddSeconds(10), "database unavailable");
        Assert.Empty(await Inbox.ClaimAsync("worker-1", T0.AddSeconds(9), Lease, 10));
        var again = Assert.Single(await Inbox.ClaimAsync("worker-1", T0.AddSeconds(10), Lease, 10));
        Assert.Equal(2, again.Attempts);

        await Inbox.FailAsync(again.Id, T0.AddSeconds(11), "gave up");
        Assert.Equal("a2", Assert.Single(await Inbox.ClaimAsync("worker-1", T0.AddSeconds(11), Lease, 10)).Item.Key);
        Assert.Equal("failed", await ScalarAsync<string>("SELECT status FROM inbox WHERE key = 'a1'"));
        Assert.Equal("gave up", await ScalarAsync<string>("SELECT last_error FROM inbox WHERE key = 'a1'"));
    }

    [Fact]
    public async Task Release_HandsAClaimedRequestBackAtOnce_WithoutCountingAnAttempt()
    {
        await Inbox.AdmitAsync(Item("a1", "INC-1 first", 1));
        var first = Assert.Single(await Inbox.ClaimAsync("worker-1", T0, Lease, 10));

        await Inbox.ReleaseAsync(first.Id);

        var again = Assert.Single(await Inbox.ClaimAsync("worker-2", T0.AddSeconds(1), Lease, 10));
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task Claim_AfterTheLeaseRunsOut_HandsTheRequestToAnotherWorker()
    {
        await Inbox.AdmitAsync(Item("a1", "INC-1 first", 1));
        var first = Assert.Single(await Inbox.ClaimAsync("worker-1", T0, Lease, 10));

        Assert.Empty(await Inbox.ClaimAsync("worker-2", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10));
        var taken = Assert.Single(await Inbox.ClaimAsync("worker-2", T0 + Lease, Lease, 10));
        Assert.Equal(first.Id, taken.Id);
        Assert.Empty(await Inbox.ClaimAsync("worker-1", T0, Lease, 0));
    }

    [Fact]
    public async Task Prune_RemovesFinishedRequestsAndOldRequestKeys_ButNeverPendingOnes()
    {
        await Inbox.AdmitAsync(Item("done-old", "x", null));
        await Inbox.AdmitAsync(Item("pending-old", "y", null));
        var claimed = await Inbox.ClaimAsync("worker-1", T0, Lease, 10);
        await Inbox.CompleteAsync(claimed.Single(r => r.Item.Key == "done-old").Id, T0);
        await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("cmd:old", T0));
        await Incidents.ExecuteAsync(uow => uow.TryRecordInboundAsync("cmd:new", T0.AddDays(8)));

        var pruned = await Inbox.PruneAsync(T0.AddDays(1));

        Assert.Equal(2, pruned);
        Assert.Equal(["pending-old"], (await ScalarAsync<string>("SELECT key FROM inbox")) is { } key ? [key] : Array.Empty<string>());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM inbound_requests WHERE key = 'cmd:new'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM inbound_requests WHERE key = 'cmd:old'"));
    }

    private static InboxItem Item(string key, string body, long? incident) => new(key, InboxKind.Command, body, incident, T0);
}

public sealed class InboxStoreTestsOnSqlite() : InboxStoreTests(StorageProvider.Sqlite);

public sealed class InboxStoreTestsOnPostgres() : InboxStoreTests(StorageProvider.Postgres);
