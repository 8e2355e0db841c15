using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The Snooze buttons on an update reminder: the click is confirmed to the person who clicked (a
/// snooze shows nowhere else), <c>/incident status</c> shows the reminder held back until the snooze
/// ends, and the reminder that was due one cadence later does not come.
/// </summary>
public abstract class SnoozeTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings.FastScheduling()
            .UpdateEvery(p0: ChaseSettings.Never, p1: Cadence, p2: ChaseSettings.Never, p3: ChaseSettings.Never);

    [Theory]
    [InlineData("incident-snooze-30", "Snooze 30 min", 30, "30 min")]
    [InlineData("incident-snooze-60", "Snooze 1 h", 60, "1 h")]
    public async Task SnoozeButtonOnAReminder_ConfirmsToTheClicker_HoldsTheNextReminderBackUntilTheSnoozeEnds(string actionId, string label, int minutes, string said)
    {
        var snooze = TimeSpan.FromMinutes(minutes);
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(10)))[0];
        var button = reminder.Element(actionId);
        Assert.True(button is not null, $"The reminder should have a {label} button; {reminder}");

        var beforeClick = DateTimeOffset.UtcNow;
        var click = Requests.BlockActions(Click(reminder, button), reminder.ResponseTs!, user: SlackRequests.Bob);
        var reply = await SendAsync(click);
        // At the click's own response_url: Bob alone sees it, where he clicked.
        var confirmation = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == click.ResponseUrl, "the confirmation of the snooze");
        var afterClick = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The click should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        Assert.Equal("ephemeral", (string?)confirmation.Body["response_type"]);
        Assert.Equal($"Update reminders for INC-1 are snoozed for {said}.", confirmation.Text);

        var status = (await CommandAsync("status INC-1")).AllText;
        var next = Regex.Match(status, $@"\*Next update reminder:\* <!date\^(?<unix>[0-9]+)\^[^>]*> to <@{SlackRequests.Bob}> \(snoozed\)");
        Assert.True(next.Success, $"The status should show the next reminder, to Bob, snoozed; got:\n{status}");
        var due = DateTimeOffset.FromUnixTimeSeconds(long.Parse(next.Groups["unix"].Value, CultureInfo.InvariantCulture));
        Assert.InRange(due, (beforeClick + snooze).AddSeconds(-1), afterClick + snooze);
        Assert.Contains($"Snoozed update reminders for {minutes} min", status);

        // Without the snooze the next reminder would come one cadence after the first; wait two.
        await ChaseCalls.DelayUntilAsync(reminder.At + 2 * Cadence + TimeSpan.FromSeconds(1));
        await SettleAsync();
        Assert.True(Slack.RemindersFor("INC-1").Count == 1, $"A snoozed incident gets no reminder until the snooze ends.\n{Slack.Dump()}");
        Assert.Single(Slack.AnswersTo(click.ResponseUrl));
    }

    /// <summary>The block_actions action Slack sends for a click on <paramref name="button"/> of <paramref name="message"/>.</summary>
    private static JsonObject Click(SlackCall message, JsonObject button)
    {
        var actionId = (string?)button["action_id"];
        var block = message.Blocks().FirstOrDefault(b => b["elements"] is JsonArray elements && elements.Any(e => (string?)e?["action_id"] == actionId));
        return new JsonObject
        {
            ["action_id"] = actionId,
            ["block_id"] = (string?)block?["block_id"] ?? "reminder-actions",
            ["text"] = button["text"]?.DeepClone(),
            ["value"] = (string?)button["value"],
            ["type"] = "button",
            ["action_ts"] = FollowUpRequests.NowTs(),
        };
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SnoozeTestsOnSqlite() : SnoozeTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SnoozeTestsOnPostgres() : SnoozeTests(StorageProvider.Postgres);
