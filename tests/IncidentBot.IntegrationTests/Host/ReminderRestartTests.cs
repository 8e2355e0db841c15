using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Xunit.Abstractions;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A reminder that falls due while the bot is down is not lost and not multiplied: the bot, killed
/// with SIGKILL before the reminder was due and restarted several cadences later against the same
/// database, sends it once and then carries on at the normal cadence.
/// </summary>
public abstract class ReminderRestartTests(StorageProvider provider, ITestOutputHelper output) : OwnHostsTestBase(provider)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ReminderDueWhileDown_IsSentOnceAfterRestart_AndTheNextOneAFullCadenceLater()
    {
        var slack = Slack;
        var settings = Settings()
            .FastScheduling()
            .UpdateEvery(ChaseSettings.Never, Cadence, ChaseSettings.Never, ChaseSettings.Never);
        // What the killed process had claimed (a message, a schedule pass) is free again when its lease
        // runs out; on SQLite a restarted bot takes it back at once, on PostgreSQL it may be a live
        // replica's, so the leases are short here.
        settings["Outbox:Lease"] = "00:00:02";
        settings["Scheduler:SyncLease"] = "00:00:02";

        var first = await StartProcessAsync(settings);
        var declared = await BotTestBase.SendAsync(first.Client, Requests.Command("open P1 orders mart stale since 06:00"), slack);
        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Contains("INC-1", declared.Text);
        var headline = await slack.WaitForHeadlineAsync("INC-1");
        // Killed between Slack's answer and the bot recording the headline's ts, the bot would post
        // the headline again after the restart (delivery is at least once); that is not this test.
        await HeadlineRecording.WaitUntilRecordedAsync(first.Client, Requests, "INC-1", headline);
        first.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(first.HasExited);
        Assert.True(killedAt < headline.At + Cadence - TimeSpan.FromSeconds(0.5),
            $"The test needs the bot killed before the first reminder is due; it died {(killedAt - headline.At).TotalSeconds:0.0} s after the headline.");
        Assert.Empty(slack.RemindersFor("INC-1"));

        // Down well past several cadence periods: the reminder due at declaration + 3 s, and the ones
        // that would have followed it, all fall due while nothing runs.
        await ChaseCalls.DelayUntilAsync(headline.At + 3.5 * Cadence);
        var second = await StartProcessAsync(settings);
        var restartedAt = DateTimeOffset.UtcNow;

        var firstAfterRestart = (await slack.WaitForRemindersAsync("INC-1", 1, TimeSpan.FromSeconds(15)))[0];
        Assert.True(firstAfterRestart.At <= restartedAt + TimeSpan.FromSeconds(3),
            $"The overdue reminder should go out as soon as the bot is back; it came {(firstAfterRestart.At - restartedAt).TotalSeconds:0.0} s after the restart.\n{slack.Dump()}");
        Assert.Equal(headline.ResponseTs, firstAfterRestart.ThreadTs);
        output.WriteLine($"Overdue reminder {(firstAfterRestart.At - restartedAt).TotalSeconds:0.00} s after the restarted bot was healthy ({Provider}).");

        var reminders = await slack.WaitForRemindersAsync("INC-1", 2, Cadence + TimeSpan.FromSeconds(10));

        // One reminder for the missed due time, then the next one only a full cadence later: a
        // catch-up burst (one per missed period) would show as reminders moments apart.
        Assert.Equal(firstAfterRestart.Sequence, reminders[0].Sequence);
        ChaseCalls.AssertNoDuplicates(reminders, Cadence, slack);
        Assert.False(second.HasExited, $"The restarted bot died. Its output:\n{second.Output}");
    }

}

[Collection(HostCollection.Sqlite)]
public sealed class ReminderRestartTestsOnSqlite(ITestOutputHelper output) : ReminderRestartTests(StorageProvider.Sqlite, output);

[Collection(HostCollection.Postgres)]
public sealed class ReminderRestartTestsOnPostgres(ITestOutputHelper output) : ReminderRestartTests(StorageProvider.Postgres, output);
