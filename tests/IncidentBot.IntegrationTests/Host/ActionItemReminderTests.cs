using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Overdue postmortem action items are reminded to their owner in the incident's thread, at most once
/// a day; items that are done, or not due yet, are not. The check runs every second here
/// (<c>Scheduler:ActionItemCheckInterval</c>; hourly by default).
/// </summary>
public abstract class ActionItemReminderTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Dave = "U0DAVE";
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never);
        settings["Scheduler:ActionItemCheckInterval"] = ChaseSettings.Span(CheckInterval);
    }

    [Fact]
    public async Task OverdueActionItem_IsRemindedToItsOwnerInTheThreadOnce_AndDoneOrFutureItemsAreNot()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // Carol's item is done; then its due date is moved into the past (no command can), so only
        // "done" keeps it from being reminded. Added overdue and completed, it could be reminded
        // by a check that runs in between.
        var carols = await AddAsync($"action INC-1 add <@{Carol}|carol> 2030-01-15 backfill fct_payments");
        Assert.Contains($"Action item #{carols} of INC-1 is done", (await CommandAsync($"action INC-1 done {carols}")).Text);
        Assert.Equal(1, await Database.ExecuteAsync("UPDATE action_items SET due_date = '2020-01-02' WHERE id = @Id", new { Id = long.Parse(carols, System.Globalization.CultureInfo.InvariantCulture) }));
        // Dave's is due in the future.
        await AddAsync($"action INC-1 add <@{Dave}|dave> 2030-01-15 alert on skipped Airflow runs");
        // Bob's was due long ago (a command refuses a past date, so the row is moved back in time).
        var bobs = await AddAsync($"action INC-1 add <@{SlackRequests.Bob}|bob> 2030-01-15 add a freshness check on fct_orders & fct_payments");
        Assert.Equal(1, await Database.ExecuteAsync("UPDATE action_items SET due_date = '2020-01-01' WHERE id = @Id", new { Id = long.Parse(bobs, System.Globalization.CultureInfo.InvariantCulture) }));

        var reminder = await Slack.WaitForCallAsync(IsOverdueReminder, "the overdue reminder of Bob's action item", CheckInterval + TimeSpan.FromSeconds(10));

        Assert.Equal(headline.ResponseTs, reminder.ThreadTs);
        Assert.False(reminder.ReplyBroadcast, $"An action item reminder is for its owner, not the channel; {reminder}");
        Assert.Equal(
            $":hourglass: <@{SlackRequests.Bob}>, action item #{bobs} of INC-1 was due 2020-01-01: add a freshness check on fct_orders &amp; fct_payments. Done? `/incident action INC-1 done {bobs}`",
            reminder.Text);
        var listed = await CommandAsync("action INC-1 list");
        Assert.Contains($"#{bobs} :red_circle: overdue · <@{SlackRequests.Bob}> · due 2020-01-01 · add a freshness check on fct_orders &amp; fct_payments", listed.Text.Split('\n'));
        Assert.Contains($"#{carols} :white_check_mark: done · <@{Carol}> · due 2020-01-02 · backfill fct_payments", listed.Text.Split('\n'));

        // Three more checks: none reminds Bob again the same day, or anyone else at all.
        await ChaseCalls.DelayUntilAsync(reminder.At + 3 * CheckInterval + TimeSpan.FromSeconds(0.5));
        await SettleAsync();
        var reminders = Slack.Calls.Where(IsOverdueReminder).ToList();
        Assert.True(reminders.Count == 1, $"Exactly one overdue reminder, Bob's.\n{Slack.Dump()}");
    }

    private static bool IsOverdueReminder(SlackCall call) =>
        call.Method == "chat.postMessage" && call.Text is { } text && text.StartsWith(":hourglass: ", StringComparison.Ordinal);

    /// <summary>Adds an action item and returns its number.</summary>
    private async Task<string> AddAsync(string command)
    {
        var added = await CommandAsync(command);
        var id = Regex.Match(added.Text, "^Added action item #(?<id>[0-9]+) to INC-1\\.$");
        Assert.True(id.Success, $"/incident {command} should add the item; got {added}");
        return id.Groups["id"].Value;
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ActionItemReminderTestsOnSqlite() : ActionItemReminderTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ActionItemReminderTestsOnPostgres() : ActionItemReminderTests(StorageProvider.Postgres);
