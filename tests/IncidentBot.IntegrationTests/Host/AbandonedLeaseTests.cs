using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A run killed while it held claims (a message being sent, a schedule pass being planned) leaves
/// leases behind. On SQLite only one process uses the file, so a starting bot takes them back at once;
/// on PostgreSQL they may be a live replica's, so they are left to run out.
/// </summary>
public abstract class AbandonedLeaseTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    [Fact]
    public async Task LeasesLeftByAKilledRun_AreTakenBackAtStartOnSqlite_AndLeftToRunOutOnPostgres()
    {
        // The first run stores an incident whose headline Slack refuses, then stops (giving its
        // claims back, as a clean stop does).
        Slack.FailAlways("chat.postMessage", CannedResponse.ServerError(503));
        var first = await StartInProcessAsync(Settings());
        var declared = await BotTestBase.SendAsync(first.Client, Requests.Command("open P1 orders mart stale since 06:00"), Slack);
        Assert.Contains("INC-1", declared.Text);
        await StopAsync(first);
        Slack.Heal();

        // What a SIGKILL in the middle of its work would have left: the headline and a schedule pass
        // of INC-1 claimed for an hour by a worker that no longer exists.
        var leaseUntil = StoredState.UnixMs(DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(1, await Database.ExecuteAsync(
            "UPDATE outbox SET leased_by = 'killed-run', lease_until = @LeaseUntil, next_attempt_at = 0 WHERE status = 'pending' AND incident_number = 1",
            new { LeaseUntil = leaseUntil }));
        await Database.RequestSchedulePassAsync(1);
        Assert.Equal(1, await Database.ExecuteAsync(
            "UPDATE schedule_requests SET leased_by = 'killed-run', lease_until = @LeaseUntil WHERE incident_number = 1",
            new { LeaseUntil = leaseUntil }));

        await StartInProcessAsync(Settings());

        if (Provider == StorageProvider.Sqlite)
        {
            var headline = await Slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(10));
            Assert.Contains("orders mart stale since 06:00", headline.AllText);
            await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests") == 0, "the schedule pass to be taken back and done");
            Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE leased_by = 'killed-run'"));
        }
        else
        {
            // Give the workers several polls: the claims stay where they are until an hour from now.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Empty(Slack.Headlines);
            Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE leased_by = 'killed-run'"));
            Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests WHERE leased_by = 'killed-run'"));
        }
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class AbandonedLeaseTestsOnSqlite() : AbandonedLeaseTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class AbandonedLeaseTestsOnPostgres() : AbandonedLeaseTests(StorageProvider.Postgres);
