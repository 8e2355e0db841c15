using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A P1 resolved with "a postmortem is needed" owes its postmortem within 48 h: at the due time the
/// owner is reminded in the thread, then daily, until <c>/incident postmortem INC-n done &lt;link&gt;</c>.
/// <para>The test keeps the default 48 h (<c>Policy:PostmortemDue:P1</c>), checks the due time the bot
/// sets and then moves it (and, for the daily repeat, the time of the
/// last reminder) a few seconds ahead in the database, asking for a schedule pass as every change
/// through the bot does; everything from there on is the bot's own path: planner, Hangfire, the job, the
/// outbox.</para>
/// </summary>
public abstract class PostmortemReminderTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string PublicUrl = "https://incidentbot.example.com";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never);
        settings["Incidents:PublicUrl"] = PublicUrl;
    }

    [Fact]
    public async Task PostmortemNeeded_IsRemindedInTheThreadWhenDue_AndDaily_UntilItIsDone()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var beforeResolve = DateTimeOffset.UtcNow;
        var resolved = await SendAsync(Requests.ViewSubmission(FollowUpRequests.ResolveModal(
            "V0PMREMIND", 1, "Re-ran the skipped load", rootCause: "Airflow pool exhausted", dataState: "fresh", postmortemNeeded: true), user: SlackRequests.Bob));
        var afterResolve = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, resolved.Status);
        Assert.Null(resolved.Json?["response_action"]);
        await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution of INC-1");

        // Due 48 h after the resolution (P1).
        var pending = await CommandAsync("postmortem INC-1");
        var due = Regex.Match(pending.Text, @"^Postmortem of INC-1: due <!date\^(?<unix>[0-9]+)\^");
        Assert.True(due.Success, $"The postmortem should be due; got {pending}");
        Assert.InRange(long.Parse(due.Groups["unix"].Value, CultureInfo.InvariantCulture),
            (beforeResolve + TimeSpan.FromHours(48)).ToUnixTimeSeconds() - 1, (afterResolve + TimeSpan.FromHours(48)).ToUnixTimeSeconds());
        Assert.Empty(PostmortemReminders());

        // The due time, brought forward to two seconds from now.
        var dueAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeSeconds());
        await MoveAsync("postmortem_due_at", dueAt);

        var first = await Slack.WaitForCallAsync(c => c.IsPostmortemReminderFor("INC-1"), "the postmortem reminder at its due time", TimeSpan.FromSeconds(15));

        ChaseCalls.AssertArrivedBetween(first, dueAt, dueAt + TimeSpan.FromSeconds(5), "The postmortem reminder", Slack);
        Assert.Equal(headline.ResponseTs, first.ThreadTs);
        Assert.Equal(
            $":memo: <@{SlackRequests.Bob}>, the postmortem for *INC-1* (P1) is due ({Format(dueAt)}). The draft built from the timeline: {PublicUrl}/incidents/INC-1/postmortem. When it is written: `/incident postmortem INC-1 done &lt;link&gt;`.",
            first.Text);

        // The daily repeat: the last reminder moved back to a day less two seconds ago. (Not a whole
        // day: the repeat would then be due in the second of the first reminder, whose message the
        // outbox already has under that due time.)
        await MoveAsync("last_postmortem_reminder_at", DateTimeOffset.UtcNow - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2));
        await Slack.WaitForAsync(calls => calls.Count(c => c.IsPostmortemReminderFor("INC-1")) == 2, "the daily repeat of the postmortem reminder", TimeSpan.FromSeconds(15));

        var done = await CommandAsync("postmortem INC-1 done https://wiki.example.com/postmortems/1", user: SlackRequests.Bob);
        Assert.Equal("INC-1 closed with its postmortem.", done.Text);

        // Another day on, with the postmortem done, nothing comes.
        await MoveAsync("last_postmortem_reminder_at", DateTimeOffset.UtcNow - TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2));
        await ChaseCalls.DelayUntilAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        await SettleAsync();
        Assert.True(PostmortemReminders().Count == 2, $"No postmortem reminder after the postmortem is done.\n{Slack.Dump()}");
    }

    private IReadOnlyList<SlackCall> PostmortemReminders() => Slack.Calls.Where(c => c.IsPostmortemReminderFor("INC-1")).ToArray();

    /// <summary>Sets one of INC-1's stored times and asks for a schedule pass, as a change through the bot would.</summary>
    private async Task MoveAsync(string column, DateTimeOffset at)
    {
        Assert.Equal(1, await Database.ExecuteAsync($"UPDATE incidents SET {column} = @At WHERE number = 1", new { At = StoredState.UnixMs(at) }));
        await Database.RequestSchedulePassAsync(1);
    }

    private static string Format(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");
}

[Collection(HostCollection.Sqlite)]
public sealed class PostmortemReminderTestsOnSqlite() : PostmortemReminderTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class PostmortemReminderTestsOnPostgres() : PostmortemReminderTests(StorageProvider.Postgres);
