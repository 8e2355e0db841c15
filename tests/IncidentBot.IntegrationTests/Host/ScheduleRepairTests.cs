using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The chasing repairs itself: a trigger that goes missing from Quartz is planned again, a cadence
/// changed while the bot was down reaches incidents already open, and nothing is left in Quartz for
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
    public async Task AReminderWhoseTriggerWentMissingFromQuartz_IsPlannedAgain_AndStillComesOnTime()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var beforeAck = DateTimeOffset.UtcNow;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var afterAck = DateTimeOffset.UtcNow;
        // The pass that planned the reminder from the acknowledgement is done: no request is left.
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests") == 0
            && await Database.ScalarAsync<long>("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'INC-1/update-reminder'") == 1, "the reminder's trigger in Quartz");

        // What a wiped or restored Quartz store, or a job that failed after its trigger was spent, leaves.
        await Database.ExecuteAsync("DELETE FROM qrtz_simple_triggers WHERE trigger_name = 'INC-1/update-reminder'");
        await Database.ExecuteAsync("DELETE FROM qrtz_triggers WHERE trigger_name = 'INC-1/update-reminder'");
        await Database.ExecuteAsync("DELETE FROM qrtz_job_details WHERE job_name = 'INC-1/update-reminder'");

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
    public async Task AResolvedIncident_LeavesNoReminderOrEscalationJobInQuartz()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM schedule_requests") == 0
            && await Database.QuartzJobsAsync("INC-1", "escalation/") == 1 && await Database.QuartzJobsAsync("INC-1", "update-reminder") == 1,
            "INC-1's reminder and escalation jobs in Quartz");

        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 backfilled; the mart is current");

        await StoredState.WaitUntilAsync(async () => await Database.QuartzJobsAsync("INC-1", "update-reminder") == 0 && await Database.QuartzJobsAsync("INC-1", "escalation/") == 0,
            "INC-1's reminder and escalation jobs gone from Quartz after the resolution");
        // The postmortem reminder (P1: one is expected) is what remains planned.
        Assert.Equal(1L, await Database.QuartzJobsAsync("INC-1", "postmortem-reminder"));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ScheduleRepairTestsOnSqlite() : ScheduleRepairTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ScheduleRepairTestsOnPostgres() : ScheduleRepairTests(StorageProvider.Postgres);
