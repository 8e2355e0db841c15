using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

public abstract class OutboxStoreTests(StorageProvider provider) : StorageTestBase(provider)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_ReturnsTheQueuedMessageWithEveryField()
    {
        var incident = await DeclareAsync();
        var message = new OutboxMessage
        {
            IncidentNumber = incident.Number,
            Kind = OutboxKind.PostInThread,
            Channel = "C0123",
            User = "U100",
            Text = "Update: backfill running",
            BlocksJson = """[{"type":"section","text":{"type":"mrkdwn","text":"*Update*"}}]""",
            Broadcast = true,
            DedupKey = "INC-1/update/1",
        };
        Assert.True(await EnqueueAsync(message, T0.AddMilliseconds(5)));

        var claimed = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0.AddSeconds(1), Lease, 10));

        Assert.Equal(message, claimed.Message);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal(T0.AddMilliseconds(5), claimed.CreatedAt);
    }

    [Fact]
    public async Task Enqueue_WithADedupKeySeenBefore_QueuesNothingAndReturnsFalse()
    {
        Assert.True(await EnqueueAsync(Ephemeral("first", dedupKey: "INC-4/reminder/17")));
        Assert.False(await EnqueueAsync(Ephemeral("second", dedupKey: "INC-4/reminder/17")));
        Assert.True(await EnqueueAsync(Ephemeral("no key")));
        Assert.True(await EnqueueAsync(Ephemeral("no key either")));

        var claimed = await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10);

        Assert.Equal(["first", "no key", "no key either"], claimed.Select(c => c.Message.Text));
    }

    [Fact]
    public async Task Claim_HoldsBackAThreadReplyWhileItsIncidentsHeadlineIsPending()
    {
        var incident = await DeclareAsync();
        var other = await DeclareAsync("Other incident");
        await EnqueueAsync(Headline(incident.Number, "headline"));
        await EnqueueAsync(Thread(incident.Number, "thread"));
        await EnqueueAsync(Ephemeral("ephemeral"));
        await EnqueueAsync(Headline(other.Number, "other headline"));

        var first = await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10);
        var whileHeadlineInFlight = await Outbox.ClaimDueAsync("worker-2", T0.AddSeconds(1), Lease, 10);
        await Outbox.MarkSentAsync(first[0].Id, T0.AddSeconds(2), "1710406800.000100", "C0123");
        var afterHeadlineSent = await Outbox.ClaimDueAsync("worker-2", T0.AddSeconds(3), Lease, 10);

        Assert.Equal(["headline", "ephemeral", "other headline"], first.Select(c => c.Message.Text));
        Assert.Empty(whileHeadlineInFlight);
        Assert.Equal("thread", Assert.Single(afterHeadlineSent).Message.Text);
    }

    [Fact]
    public async Task Claim_AfterTheLeaseRunsOut_HandsTheMessageToAnotherWorker()
    {
        await EnqueueAsync(Ephemeral("hello"));
        var first = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10));

        var duringLease = await Outbox.ClaimDueAsync("worker-2", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10);
        var afterLease = Assert.Single(await Outbox.ClaimDueAsync("worker-2", T0 + Lease, Lease, 10));

        Assert.Empty(duringLease);
        Assert.Equal(first.Id, afterLease.Id);
        Assert.Equal(2, afterLease.Attempts);
        Assert.Equal("worker-2", await ScalarAsync<string>("SELECT leased_by FROM outbox WHERE id = @Id", new { first.Id }));
    }

    [Fact]
    public async Task RetryLater_MakesTheMessageDueAgainAtTheGivenTime_AndKeepsHoldingBackItsIncident()
    {
        var incident = await DeclareAsync();
        await EnqueueAsync(Headline(incident.Number, "headline"));
        await EnqueueAsync(Thread(incident.Number, "thread"));
        var headline = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10));

        await Outbox.RetryLaterAsync(headline.Id, T0.AddMinutes(1), "ratelimited");

        Assert.Empty(await Outbox.ClaimDueAsync("worker-1", T0.AddSeconds(59), Lease, 10));
        Assert.Equal("ratelimited", await ScalarAsync<string>("SELECT last_error FROM outbox WHERE id = @Id", new { headline.Id }));
        var again = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0.AddMinutes(1), Lease, 10));
        Assert.Equal(headline.Id, again.Id);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public async Task Release_HandsTheMessageBackForLater_WithoutCountingTheClaimAsAnAttempt()
    {
        var incident = await DeclareAsync();
        await EnqueueAsync(Headline(incident.Number, "headline"));
        await EnqueueAsync(Thread(incident.Number, "thread"));
        var headline = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10));
        Assert.Equal(1, headline.Attempts);

        // Paused for Retry-After a hundred times over: still its first attempt when it is finally sent.
        for (var i = 0; i < 100; i++)
        {
            await Outbox.ReleaseAsync(headline.Id, T0.AddSeconds(i + 1), "paused: rate limited");
            Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0.AddSeconds(i + 1), Lease, 10));
        }
        await Outbox.ReleaseAsync(headline.Id, T0.AddMinutes(5), "paused: rate limited");

        Assert.Empty(await Outbox.ClaimDueAsync("worker-2", T0.AddMinutes(5).AddMilliseconds(-1), Lease, 10));
        var again = Assert.Single(await Outbox.ClaimDueAsync("worker-2", T0.AddMinutes(5), Lease, 10));
        Assert.Equal(headline.Id, again.Id);
        Assert.Equal(1, again.Attempts);
        Assert.Equal("paused: rate limited", await ScalarAsync<string>("SELECT last_error FROM outbox WHERE id = @Id", new { headline.Id }));
    }

    /// <summary>
    /// A paced channel holds back what it cannot send yet, each to its turn. An incident whose reply was
    /// just sent exposes its next reply, due since it was queued; that reply must not go ahead of an
    /// older reply of another incident that was held back, or in a channel that stays busy (a storm of
    /// reminders) the held-back one is pushed back on every turn and never goes out.
    /// </summary>
    [Fact]
    public async Task Claim_TakesTheOldestDueReplyFirst_EvenWhenAPacingHoldBackMadeItDueLaterThanANewerOne()
    {
        var waiting = await DeclareAsync("Held back by the channel's pace");
        var busy = await DeclareAsync("Just had a reply sent");
        await EnqueueAsync(Thread(waiting.Number, "older reply"), T0);
        await EnqueueAsync(Thread(busy.Number, "newer reply"), T0.AddSeconds(1));
        var older = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 1));
        Assert.Equal("older reply", older.Message.Text);
        await Outbox.ReleaseAsync(older.Id, T0.AddSeconds(3), "paced: channel busy");

        var next = await Outbox.ClaimDueAsync("worker-1", T0.AddSeconds(3), Lease, 1);

        Assert.Equal("older reply", Assert.Single(next).Message.Text);
    }

    [Fact]
    public async Task MarkFailed_GivesUpOnTheMessage_AndLetsTheRestOfItsIncidentGoOut()
    {
        var incident = await DeclareAsync();
        await EnqueueAsync(Headline(incident.Number, "headline"));
        await EnqueueAsync(Thread(incident.Number, "thread"));
        var headline = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10));

        await Outbox.MarkFailedAsync(headline.Id, T0.AddSeconds(1), "channel_not_found");

        var next = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0.AddHours(1), Lease, 10));
        Assert.Equal("thread", next.Message.Text);
        Assert.Equal("failed", await ScalarAsync<string>("SELECT status FROM outbox WHERE id = @Id", new { headline.Id }));
        Assert.Equal("channel_not_found", await ScalarAsync<string>("SELECT last_error FROM outbox WHERE id = @Id", new { headline.Id }));
    }

    [Fact]
    public async Task MarkSent_OfAHeadline_StoresItsTsAndChannelOnTheIncident_WithoutChangingItsVersion()
    {
        var incident = await DeclareAsync();
        var stale = (await Incidents.FindAsync(incident.Number))!;
        await EnqueueAsync(Headline(incident.Number, "headline"));
        var headline = Assert.Single(await Outbox.ClaimDueAsync("worker-1", T0, Lease, 10));

        await Outbox.MarkSentAsync(headline.Id, T0.AddSeconds(1), "1710406800.000100", "C0123");

        var stored = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal("1710406800.000100", stored.HeadlineTs);
        Assert.Equal("C0123", stored.Channel);
        Assert.Equal(0, stored.Version);
        Assert.Equal("sent", await ScalarAsync<string>("SELECT status FROM outbox WHERE id = @Id", new { headline.Id }));
        Assert.Empty(await Outbox.ClaimDueAsync("worker-1", T0.AddHours(1), Lease, 10));

        // A user's change saved from an object loaded before the headline went out keeps where the headline is.
        stale.PostUpdate("still looking", "U100", T0.AddMinutes(1));
        await Incidents.ExecuteAsync(async uow =>
        {
            await uow.SaveAsync(stale);
            return 0;
        });
        var afterSave = (await Incidents.FindAsync(incident.Number))!;
        Assert.Equal("1710406800.000100", afterSave.HeadlineTs);
        Assert.Equal("C0123", afterSave.Channel);
        Assert.Equal("still looking", afterSave.LatestUpdate);
    }

    [Fact]
    public async Task UpdatingAnUnknownMessage_SaysSo()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Outbox.MarkSentAsync(404, T0, null, null));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Outbox.RetryLaterAsync(404, T0, "x"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Outbox.MarkFailedAsync(404, T0, "x"));
    }

    private static OutboxMessage Headline(long incident, string text) =>
        new() { IncidentNumber = incident, Kind = OutboxKind.PostHeadline, Channel = "#data-incidents", Text = text };

    private static OutboxMessage Thread(long incident, string text) =>
        new() { IncidentNumber = incident, Kind = OutboxKind.PostInThread, Text = text };

    private static OutboxMessage Ephemeral(string text, string? dedupKey = null) =>
        new() { Kind = OutboxKind.PostEphemeral, Channel = "C0123", User = "U100", Text = text, DedupKey = dedupKey };
}

public sealed class OutboxStoreTestsOnSqlite() : OutboxStoreTests(StorageProvider.Sqlite);

public sealed class OutboxStoreTestsOnPostgres() : OutboxStoreTests(StorageProvider.Postgres);
