using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Update reminders, end to end through Hangfire: one cadence after the clock
/// started (declaration, acknowledgement, last update) the owner is reminded in the incident's
/// thread; an update restarts the clock; a resolved incident is never chased again.
/// </summary>
public abstract class RemindersTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);

    /// <summary>Hangfire fires on time and the outbox is woken at once; this much later still counts as "at the cadence" on a busy two-core machine.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2.5);

    private static readonly TimeSpan EscalateAfter = TimeSpan.FromSeconds(4);

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings.FastScheduling()
            .UpdateEvery(p0: Cadence, p1: Cadence, p2: ChaseSettings.Never, p3: ChaseSettings.Never)
            // P0 escalations, so that "nothing after resolve" covers escalations too. P1 is never escalated here.
            .Escalation(0, "Engineering manager", "NoUpdate", EscalateAfter, "<!subteam^S0EM|@eng-managers>", "P0")
            .Escalation(1, "VP Engineering", "Unresolved", EscalateAfter, "<@U0VPENG>", "P0");

    [Fact]
    public async Task Reminder_ComesOneCadenceAfterTheAcknowledgement_IntoTheThread_MentioningTheOwner_WithPostUpdateAndSnoozeButtons()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var beforeAck = DateTimeOffset.UtcNow;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var afterAck = DateTimeOffset.UtcNow;

        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(10)))[0];

        ChaseCalls.AssertArrivedBetween(reminder, beforeAck + Cadence, afterAck + Cadence + Lateness, "The first update reminder", Slack);
        Assert.Equal(FakeSlackApi.IncidentsChannelId, reminder.Channel);
        Assert.Equal(headline.ResponseTs, reminder.ThreadTs);
        Assert.False(reminder.ReplyBroadcast, $"A reminder is for the owner, not the channel; {reminder}");
        Assert.Contains($"<@{SlackRequests.Bob}>, a status update on *INC-1* (P1, Investigating) is due", reminder.AllText);
        Assert.Equal("INC-1: a status update is due", reminder.Text);
        AssertButton(reminder, "incident-post-update", "Post update");
        AssertButton(reminder, "incident-snooze-30", "Snooze 30 min");
        AssertButton(reminder, "incident-snooze-60", "Snooze 1 h");
    }

    [Fact]
    public async Task AnUpdate_MovesTheNextReminderToOneCadenceAfterTheUpdate()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        // Halfway to the reminder that is due one cadence after the acknowledgement, an update.
        await Task.Delay(Cadence / 2);
        var beforeUpdate = DateTimeOffset.UtcNow;
        await CommandAsync("update INC-1 backfill running, ETA 11:00", user: SlackRequests.Bob);
        var afterUpdate = DateTimeOffset.UtcNow;

        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(10)))[0];

        // Not at acknowledgement + cadence (1.5 s after the update), but a whole cadence after the update.
        ChaseCalls.AssertArrivedBetween(reminder, beforeUpdate + Cadence, afterUpdate + Cadence + Lateness, "The reminder after the update", Slack);
        Assert.Contains("the last one was", reminder.AllText);
        Assert.Single(Slack.RemindersFor("INC-1"));
    }

    [Fact]
    public async Task AfterResolve_NeitherRemindersNorEscalationsCome()
    {
        var headline = await OpenAsync("INC-1", "open P0 revenue dashboard shows data as of Feb 8");
        var declared = headline.At;
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        // The incident is being chased: a reminder and both P0 escalations are pending.
        var status = await CommandAsync("status INC-1");
        Assert.Contains("*Next update reminder:*", status.AllText);
        Assert.Contains("*Escalation* Engineering manager:", status.AllText);
        Assert.Contains("*Escalation* VP Engineering:", status.AllText);

        var resolved = await CommandAsync("resolve INC-1 backfilled from the source; dashboard is current");
        var resolvedAt = DateTimeOffset.UtcNow;
        Assert.Contains("INC-1 resolved", resolved.Text);
        Assert.True(resolvedAt < declared + Cadence - TimeSpan.FromSeconds(0.5),
            $"The test needs the incident resolved before its first reminder is due; it took {(resolvedAt - declared).TotalSeconds:0.0} s.");

        // Several cadences pass, and both escalation deadlines, with a margin for a late job.
        await ChaseCalls.DelayUntilAsync(declared + 2 * Cadence + TimeSpan.FromSeconds(1.5));
        await SettleAsync();

        Assert.True(Slack.Calls.All(c => !c.IsChaseFor("INC-1")),
            $"Nothing should chase a resolved incident.\n{Slack.Dump()}");
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains("S0EM", StringComparison.Ordinal) || c.AllText.Contains("U0VPENG", StringComparison.Ordinal));
    }

    private static void AssertButton(SlackCall reminder, string actionId, string label)
    {
        var button = reminder.Element(actionId);
        Assert.True(button is not null, $"The reminder should have a {label} button ({actionId}); {reminder}");
        Assert.Equal("button", (string?)button["type"]);
        Assert.Equal(label, (string?)button["text"]?["text"]);
        Assert.Equal("1", (string?)button["value"]);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class RemindersTestsOnSqlite() : RemindersTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class RemindersTestsOnPostgres() : RemindersTests(StorageProvider.Postgres);
