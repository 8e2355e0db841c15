using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Two bot processes on one PostgreSQL database, as two replicas behind a load balancer: Hangfire's
/// workers on both share one store, so each reminder goes out exactly once, and when one replica is
/// killed with SIGKILL the other takes over its jobs and the reminders keep coming. (SQLite runs a single node only.)
/// </summary>
[Collection(HostCollection.Postgres)]
public sealed class ClusterTests() : OwnHostsTestBase(StorageProvider.Postgres)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task TwoReplicas_SendEachReminderOnce_AndTheSurvivorCarriesOnWhenOneIsKilled()
    {
        var slack = Slack;
        var settings = Settings()
            .FastScheduling()
            .UpdateEvery(ChaseSettings.Never, Cadence, ChaseSettings.Never, ChaseSettings.Never);
        // What the killed replica had claimed (a message, a schedule pass) is free again when its lease
        // runs out; on SQLite a restarted bot takes it back at once, on PostgreSQL it may be a live
        // replica's, so the leases are short here.
        settings["Outbox:Lease"] = "00:00:02";
        settings["Scheduler:SyncLease"] = "00:00:02";
        var replicas = await Task.WhenAll(StartProcessAsync(settings), StartProcessAsync(settings));
        var (a, b) = (replicas[0], replicas[1]);

        var declared = await BotTestBase.SendAsync(a.Client, Requests.Command("open P1 orders mart stale since 06:00"), slack);
        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Contains("INC-1", declared.Text);
        var headline = await slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(20));

        // Three cadence periods with both replicas up: three reminders, none of them twice.
        var before = await slack.WaitForRemindersAsync("INC-1", 3, 3 * Cadence + TimeSpan.FromSeconds(15));
        ChaseCalls.AssertNoDuplicates(before, Cadence, slack);
        Assert.All(before, r => Assert.Equal(headline.ResponseTs, r.ThreadTs));

        // Kill one just before the next reminder is due: the next job may well be fetched, or its
        // schedule lock held, by the replica that dies, and the survivor has to recover it (after
        // the invisibility and lock timeouts of 3 s), not just fire the ones after it.
        var nextDue = before[^1].At + Cadence;
        await ChaseCalls.DelayUntilAsync(nextDue - TimeSpan.FromMilliseconds(300));
        a.Kill();
        Assert.True(a.HasExited);
        var killedAt = DateTimeOffset.UtcNow;
        var countAtKill = slack.RemindersFor("INC-1").Count;

        // The reminder that was due right after the kill still comes, once, within the threshold.
        var recovered = await slack.WaitForRemindersAsync("INC-1", countAtKill + 1, TimeSpan.FromSeconds(3) + Cadence + TimeSpan.FromSeconds(5));
        Assert.True(recovered[countAtKill].At <= nextDue + TimeSpan.FromSeconds(3) + TimeSpan.FromSeconds(3),
            $"The reminder due as the replica died should come within the check-in threshold; {recovered[countAtKill]}\n{slack.Dump()}");

        // The survivor carries on: three more reminders, still none twice.
        var all = await slack.WaitForRemindersAsync("INC-1", countAtKill + 3, 3 * Cadence + TimeSpan.FromSeconds(20));
        ChaseCalls.AssertNoDuplicates(all, Cadence, slack);
        Assert.True(all.Count(r => r.At > killedAt) >= 3, $"Reminders should keep coming after one replica died.\n{slack.Dump()}");
        Assert.False(b.HasExited, $"The surviving replica died. Its output:\n{b.Output}");
        Assert.Single(slack.Headlines, c => c.Mentions("INC-1"));
    }

    [Fact]
    public async Task AReplicaKilledWhileRemindersAreDue_TheSurvivorSendsThemWithin30Seconds_NoneTwice()
    {
        var cadence = TimeSpan.FromSeconds(8);
        var slack = Slack;
        var settings = Settings()
            .FastScheduling()
            .UpdateEvery(ChaseSettings.Never, cadence, ChaseSettings.Never, ChaseSettings.Never);
        settings["Outbox:Lease"] = "00:00:02";
        settings["Scheduler:SyncLease"] = "00:00:02";
        // Failover is the subject here, not the channel's pace: at Slack's one post a second, sixteen
        // incidents' headlines, thread posts and reminders every 8 s outgrow the channel, and how late the
        // last first reminder comes would measure the backlog, not the survivor.
        settings["Slack:PostsPerSecondPerChannel"] = "50";
        settings["Slack:PostBurstPerChannel"] = "50";
        var replicas = await Task.WhenAll(StartProcessAsync(settings), StartProcessAsync(settings));
        var (a, b) = (replicas[0], replicas[1]);

        // Sixteen incidents declared through both replicas over a few seconds: reminders falling due
        // one after another while the replica dies in the middle of them.
        var references = Enumerable.Range(1, 16).Select(n => $"INC-{n}").ToList();
        for (var n = 0; n < references.Count; n++)
        {
            var declared = await BotTestBase.SendAsync((n % 2 == 0 ? a : b).Client, Requests.Command($"open P1 orders mart {n} stale since 06:00"), slack);
            Assert.Equal(HttpStatusCode.OK, declared.Status);
        }
        var headlines = new List<SlackCall>();
        foreach (var reference in references)
        {
            headlines.Add(await slack.WaitForHeadlineAsync(reference, TimeSpan.FromSeconds(20)));
        }

        // Killed while the reminders fall due: some are fetched by it and not done, or their schedule lock held.
        var dues = headlines.Select(h => h.At + cadence).Order().ToList();
        await ChaseCalls.DelayUntilAsync(dues[dues.Count / 2]);
        a.Kill();
        Assert.True(a.HasExited);

        foreach (var (reference, headline) in references.Zip(headlines))
        {
            var first = (await slack.WaitForRemindersAsync(reference, 1, cadence + TimeSpan.FromSeconds(40)))[0];
            Assert.True(first.At <= headline.At + cadence + TimeSpan.FromSeconds(30),
                $"{reference}'s reminder, due as the replica died, came {(first.At - headline.At - cadence).TotalSeconds:0.0} s late.\n{slack.Dump()}");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var reference in references)
        {
            ChaseCalls.AssertNoDuplicates(slack.RemindersFor(reference), cadence, slack);
        }
        Assert.False(b.HasExited, $"The surviving replica died. Its output:\n{b.Output}");
    }
}
