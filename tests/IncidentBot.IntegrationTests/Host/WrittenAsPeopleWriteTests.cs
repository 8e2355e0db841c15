using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// What the on-call typed in the STAT6 replay and the bot refused or misread: a category guessed
/// from part of a word, due dates written as people write them (in the workspace's time zone),
/// and teams (user groups) as owners of action items and incidents.
/// </summary>
public abstract class WrittenAsPeopleWriteTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string DataPlatform = "<!subteam^S0DATAPLAT|@data-platform>";

    /// <summary>A zone whose date differs from UTC's right now (+14 h or -11 h), so "today" shows which one counted.</summary>
    private static readonly string Zone = DateTimeOffset.UtcNow.Hour >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Incidents:TimeZone"] = Zone;

    [Fact]
    public async Task OpenWithoutCategory_GuessesFromWholeWordsOnly_AndSaysWhichWordDecided()
    {
        var related = await CommandAsync("open P1 revenue-related numbers off in the finance mart");
        var late = await CommandAsync("open P1 orders mart late again");

        Assert.StartsWith("Declared *INC-1* (P1 High, Data Quality)", related.Text);
        Assert.Contains("Data Quality because no word in the title names another category; to choose, name it before the title, e.g. `/incident open P1 data-quality &lt;title&gt;`.", related.Text);
        Assert.StartsWith("Declared *INC-2* (P1 High, Stale Data)", late.Text);
        Assert.Contains("Stale Data was guessed from \"late\";", late.Text);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.DoesNotContain("Stale Data", headline.AllText);
    }

    [Fact]
    public async Task ActionItems_TakeWeekdaysNextWeekdayEowAndInNWeeks_CountedInTheWorkspacesTimeZone()
    {
        await OpenAsync("INC-1");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime);

        foreach (var due in new[] { "today", "friday", "next monday", "eow", "in 2 weeks" })
        {
            var added = await CommandAsync($"action INC-1 add <@{SlackRequests.Bob}|bob> {due} check the {due} item");
            Assert.True(added.Text.StartsWith("Added action item #", StringComparison.Ordinal), $"`{due}` should be accepted; got {added}");
        }

        var list = (await CommandAsync("action INC-1 list")).Text.Split('\n');
        Assert.Contains(list, l => l.EndsWith($"due {Day(today)} · check the today item", StringComparison.Ordinal));
        Assert.Contains(list, l => l.EndsWith($"due {Day(Next(today, DayOfWeek.Friday))} · check the friday item", StringComparison.Ordinal));
        Assert.Contains(list, l => l.EndsWith($"due {Day(today.AddDays(14))} · check the in 2 weeks item", StringComparison.Ordinal));
        Assert.Contains(list, l => l.Contains("check the next monday item", StringComparison.Ordinal) && l.Contains($"due {Day(NextWeeksMonday(today))}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ActionItem_OwnedByAUserGroup_IsAccepted_AndMentionsTheGroup()
    {
        var headline = await OpenAsync("INC-1");

        var added = await CommandAsync($"action INC-1 add {DataPlatform} friday add a freshness check on fct_orders");

        Assert.Matches("^Added action item #[0-9]+ to INC-1\\.$", added.Text);
        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && (c.Text ?? "").StartsWith(":clipboard:", StringComparison.Ordinal), "the action item note in the thread");
        Assert.Contains("for <!subteam^S0DATAPLAT>, due ", note.Text);
        Assert.Contains("· <!subteam^S0DATAPLAT> · due", (await CommandAsync("action INC-1 list")).Text);
    }

    [Fact]
    public async Task IncidentOwnedByAUserGroup_FromTheDeclarationForm_IsShownAsTheGroup()
    {
        var view = SlackRequests.OpenModal("V0TEAMOWNER", "orders mart stale since 06:00", owner: SlackRequests.Alice);
        view["state"]!["values"]![SlackIds.InputOwnerTeam] = new JsonObject { [SlackIds.InputOwnerTeam] = RichText(new JsonObject { ["type"] = "usergroup", ["usergroup_id"] = "S0DATAPLAT" }) };

        var submitted = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Null(submitted.Json?["response_action"]);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains("*Owner:* <!subteam^S0DATAPLAT>", headline.AllText);
    }

    [Fact]
    public async Task DeclarationForm_WithTextInsteadOfATeam_SaysSoInTheForm_AndDeclaresNothing()
    {
        var view = SlackRequests.OpenModal("V0TEAMTEXT", "orders mart stale since 06:00");
        view["state"]!["values"]![SlackIds.InputOwnerTeam] = new JsonObject { [SlackIds.InputOwnerTeam] = RichText(new JsonObject { ["type"] = "text", ["text"] = "data platform" }) };

        var submitted = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal("errors", (string?)submitted.Json?["response_action"]);
        Assert.StartsWith("Type @ and pick one user group", (string?)submitted.Json?["errors"]?[SlackIds.InputOwnerTeam]);
        Assert.Contains("INC-1", await SettleAsync());
    }

    private static JsonObject RichText(JsonObject element) => new()
    {
        ["type"] = "rich_text_input",
        ["rich_text_value"] = new JsonObject
        {
            ["type"] = "rich_text",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "rich_text_section", ["elements"] = new JsonArray(element) }),
        },
    };

    private static DateOnly Next(DateOnly today, DayOfWeek day) => today.AddDays(((int)day - (int)today.DayOfWeek + 6) % 7 + 1);

    private static DateOnly NextWeeksMonday(DateOnly today) => today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[Collection(HostCollection.Sqlite)]
public sealed class WrittenAsPeopleWriteTestsOnSqlite() : WrittenAsPeopleWriteTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class WrittenAsPeopleWriteTestsOnPostgres() : WrittenAsPeopleWriteTests(StorageProvider.Postgres);
