using Hangfire;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The chasing repairs itself: a job that goes missing from Hangfire is planned again, a cadence
/// changed while the bot was down reaches incidents already open, and nothing is left in Hangfire for
/// an incident that has nothing more to chase.
/// </summary>
public abstract class ScheduleRepairTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan RepairInterval = TimeSpan.FromSeconds(1);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, Cadence, ChaseSettings.Never, ChaseSettings.Never)
            .Escalation(0, "Engineering manager", "NoUpdate", ChaseSettings.Never, "<!subteam^S0EM|@eng-managers>", "P1");
        settings["Scheduler:RepairInterval"] = ChaseSettings.Span(RepairInterval);
    }

    [Fact]
    public async Task AReminderWhoseJobWentMissingFromHangfire_IsPlannedAgain_AndStillComesOnTime()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var beforeAck = DateTimeOffset.UtcNow;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var afterAck = DateTimeOffset.UtcNow;
        // The pass that planned the reminder from the acknowledgement is done: no request is left.
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests") == 0
            && await BotServices.ScheduledJobsAsync(Database, "INC-1", "update-reminder") == 1, "the reminder's job in Hangfire");

        // What a job deleted from the dashboard, a wiped store, or a job that failed leaves: the record
        // names a job Hangfire no longer holds as scheduled.
        var jobId = Assert.Single(await Database.RecordedJobIdsAsync("INC-1", "update-reminder"));
        Assert.True(BotServices.GetRequiredService<IBackgroundJobClient>().Delete(jobId));

        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(10)))[0];
        ChaseCalls.AssertArrivedBetween(reminder, beforeAck + Cadence, afterAck + Cadence + RepairInterval + Lateness, "The reminder whose trigger was deleted", Slack);
        await SettleAsync();
        Assert.Single(Slack.RemindersFor("INC-1"));
    }

    [Fact]
    public async Task ACadenceChangedWhileTheBotWasDown_ReachesAnIncidentAlreadyOpen()
    {
        // Opened while P1 updates were due hourly: nothing due for the length of the test.
        await RestartAsync(s => s["Policy:UpdateEvery:P1"] = ChaseSettings.Span(ChaseSettings.Never));
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var beforeAck = DateTimeOffset.UtcNow;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        Assert.Contains("*Next update reminder:*", (await CommandAsync("status INC-1")).AllText);

        // Redeployed with the team's new policy: an update every few seconds.
        await RestartAsync(s => s["Policy:UpdateEvery:P1"] = ChaseSettings.Span(Cadence));

        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(15)))[0];
        Assert.True(reminder.At >= beforeAck + Cadence - ChaseSettings.Tolerance,
            $"The reminder follows the new cadence from the acknowledgement, not before; {reminder}");
    }

    [Fact]
    public async Task AResolvedIncident_LeavesNoReminderOrEscalationJobInHangfire()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests") == 0
            && await Jobs("escalation/") == 1 && await Jobs("update-reminder") == 1,
            "INC-1's reminder and escalation jobs in Hangfire");

        var before = (await Database.RecordedJobIdsAsync("INC-1", "update-reminder")).Concat(await Database.RecordedJobIdsAsync("INC-1", "escalation/")).ToList();
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 backfilled; the mart is current");

        await StoredState.WaitUntilAsync(async () => await Jobs("update-reminder") == 0 && await Jobs("escalation/") == 0 && NoneScheduled(before),
            "INC-1's reminder and escalation jobs gone from Hangfire after the resolution");
        // The postmortem reminder (P1: one is expected) is what remains planned.
        Assert.Equal(1L, await Jobs("postmortem-reminder"));
    }

    private Task<long> Jobs(string kind) => BotServices.ScheduledJobsAsync(Database, "INC-1", kind);

    /// <summary>None of <paramref name="ids"/> is still a scheduled job in Hangfire.</summary>
    private bool NoneScheduled(IEnumerable<string> ids)
    {
        using var connection = BotServices.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return ids.All(id => connection.GetStateData(id)?.Name != Hangfire.States.ScheduledState.StateName);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ScheduleRepairTestsOnSqlite() : ScheduleRepairTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ScheduleRepairTestsOnPostgres() : ScheduleRepairTests(StorageProvider.Postgres);
