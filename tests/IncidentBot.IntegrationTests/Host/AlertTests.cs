using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>POST /alerts/{source}</c> through the real host: an alert declares an incident (detected by the
/// tool, at the alert's time), repeats and concurrent copies make one incident and no flood, a new check
/// on the same asset joins with one line, a passing check is noted once and asks the owner to verify,
/// a firing check soon after resolution reopens, a silence keeps it all quiet, and bad requests change
/// nothing and say why.
/// </summary>
public abstract class AlertTests(StorageProvider provider) : BotTestBase(provider)
{
    private Task<(HttpStatusCode Status, string Body)> AlertAsync(string json, string source = "generic", string? token = BotSettings.AlertsToken, bool inQuery = false) =>
        AlertRequests.SendAsync(Client, AlertRequests.Post(source, json, token, inQuery));

    private async Task<SlackCall> FireAsync(string reference, string json)
    {
        var (status, body) = await AlertAsync(json);
        Assert.True(status == HttpStatusCode.Accepted, $"An alert should be accepted with 202; got {(int)status} {body}");
        return await Slack.WaitForHeadlineAsync(reference);
    }

    /// <summary>Everything the alerts caused is in Slack: the alerts are applied, and a later headline is out.</summary>
    private async Task<string> AppliedAsync()
    {
        await AlertRequests.WaitUntilAppliedAsync(BotServices);
        return await SettleAsync();
    }

    private IReadOnlyList<SlackCall> ThreadOf(SlackCall headline) =>
        Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs && c.Succeeded).ToArray();

    [Fact]
    public async Task AFiringAlert_DeclaresAnIncident_DetectedByTheTool()
    {
        var headline = await FireAsync("INC-1", AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["analytics.marts.fct_orders"], severity: "P1", dataWrongSince: "2026-03-01T06:00:00Z"));

        Assert.Equal("INC-1 [P1] Open: fct_orders not loaded for 7 h", headline.Text);
        Assert.Contains("by airflow", headline.AllText);
        Assert.Contains("*Affected systems:* analytics.marts.fct_orders", headline.AllText);
        Assert.Contains("*Data wrong since:*", headline.AllText);
        Assert.Contains("*Checks:* 1 failing, 0 passing", headline.AllText);
        // A tool is no one to ping: nobody owns it until someone acknowledges.
        Assert.Contains("*Owner:* _nobody yet: acknowledge to own it_", headline.AllText);
        Assert.DoesNotContain("<@airflow>", headline.AllText);
    }

    [Theory]
    [InlineData("alertmanager", "alertmanager_firing.json", "by Alertmanager")]
    [InlineData("dbt-cloud", "dbt_cloud_errored.json", "by dbt Cloud")]
    [InlineData("elementary", "elementary_test_fail.json", "by Elementary")]
    [InlineData("great-expectations", "great_expectations_v1.json", "by Great Expectations")]
    [InlineData("soda", "soda_check_evaluation.json", "by Soda")]
    [InlineData("generic", "generic_full.json", "by airflow")]
    public async Task EachSource_DeclaresAnIncident(string source, string fixture, string detectedBy)
    {
        var token = source == "dbt-cloud" ? BotSettings.DbtCloudSecret : BotSettings.AlertsToken;
        var (status, body) = await AlertAsync(AlertFixtures.Read(fixture), source, token);

        Assert.True(status == HttpStatusCode.Accepted, $"{source}: expected 202, got {(int)status} {body}");
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains(detectedBy, headline.AllText);
        Assert.Contains("*Checks:* ", headline.AllText);
    }

    [Fact]
    public async Task DbtCloud_ASuccessfulRunOfTheJob_IsPassingAgain_AndARedeliveryChangesNothing()
    {
        var errored = AlertFixtures.Read("dbt_cloud_errored.json");
        var first = await AlertAsync(errored, "dbt-cloud", BotSettings.DbtCloudSecret);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        var again = await AlertAsync(errored, "dbt-cloud", BotSettings.DbtCloudSecret);
        Assert.Contains("\"duplicate\":true", again.Body);

        Assert.Equal(HttpStatusCode.Accepted, (await AlertAsync(AlertFixtures.Read("dbt_cloud_completed_success.json"), "dbt-cloud", BotSettings.DbtCloudSecret)).Status);

        Assert.Equal("INC-2", await AppliedAsync());
        var thread = ThreadOf(headline);
        var passing = Assert.Single(thread);
        Assert.Contains("Passing again", passing.AllText);
        Assert.Contains("by dbt Cloud", headline.AllText);
    }

    [Fact]
    public async Task TwentyCopiesAtOnce_MakeOneIncident_AndNoThreadNote()
    {
        var json = AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["fct_orders"]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AlertAsync(json)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));

        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal("INC-2", await AppliedAsync());
        Assert.Single(HeadlinesOf("INC-1"));
        Assert.Empty(ThreadOf(headline));
    }

    [Fact]
    public async Task AnotherCheckOnTheSameAsset_JoinsWithOneLine_AndTheHeadlineCountsBoth()
    {
        var headline = await FireAsync("INC-1", AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["analytics.marts.fct_orders"]));
        Assert.Equal(HttpStatusCode.Accepted, (await AlertAsync(AlertRequests.Generic("orders-rows", "fct_orders row count 0", assets: ["fct_orders"]))).Status);

        var joined = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("check joined INC-1", StringComparison.Ordinal), "the join line");
        Assert.Contains("fct_orders row count 0", joined.AllText);
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("*Checks:* 2 failing", StringComparison.Ordinal), "the headline counting two checks");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        Assert.Equal("INC-2", await AppliedAsync());
    }

    [Fact]
    public async Task PassingAgain_IsNotedOnce_AndTheOwnerIsAskedToVerify_NotResolved()
    {
        var headline = await FireAsync("INC-1", AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["fct_orders"]));
        await AlertAsync(AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", status: "resolved"));
        await AlertAsync(AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", status: "resolved"));

        Assert.Equal("INC-2", await AppliedAsync());
        var passing = Assert.Single(ThreadOf(headline), c => c.AllText.Contains("Passing again", StringComparison.Ordinal));
        Assert.Contains("Every check on INC-1 passes again", passing.AllText);
        Assert.Contains("verify the data", passing.AllText);
        Assert.Contains("*Status:* Open", (await CommandAsync("status INC-1")).AllText);
    }

    [Fact]
    public async Task ACheckFiringSoonAfterResolution_ReopensTheIncident()
    {
        var headline = await FireAsync("INC-1", AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["fct_orders"]));
        await CommandAsync("resolve INC-1 reloaded from the source");
        await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.Text!.Contains("Resolved", StringComparison.Ordinal), "the resolved headline");

        await AlertAsync(AlertRequests.Generic("orders-fresh", "fct_orders not loaded for 7 h", assets: ["fct_orders"]));

        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("is reopened", StringComparison.Ordinal), "the reopening note");
        Assert.Contains("fails again", note.AllText);
        Assert.Equal("INC-2", await AppliedAsync());
        Assert.Contains("*Status:* Investigating", (await CommandAsync("status INC-1")).AllText);
    }

    [Fact]
    public async Task ASilencedAsset_PostsNothing_AndTheSilenceCountsIt()
    {
        var silenced = await CommandAsync("silence fct_orders 2h backfill running");
        Assert.Contains("Silence #1", silenced.Text);

        Assert.Equal(HttpStatusCode.Accepted, (await AlertAsync(AlertRequests.Generic("orders-fresh", "fct_orders not loaded", assets: ["analytics.marts.fct_orders"]))).Status);

        Assert.Equal("INC-1", await AppliedAsync());
        var list = await CommandAsync("silences");
        Assert.Contains("#1 `fct_orders`", list.Text);
        Assert.Contains("1 alert silenced", list.Text);
        Assert.Contains("backfill running", list.Text);

        Assert.Contains("Silence #1 ended", (await CommandAsync("unsilence 1")).Text);
        await FireAsync("INC-2", AlertRequests.Generic("orders-fresh", "fct_orders not loaded", assets: ["analytics.marts.fct_orders"]));
    }

    [Fact]
    public async Task BadRequests_AreRefusedWithTheReason_AndChangeNothing()
    {
        var json = AlertRequests.Generic("orders-fresh", "fct_orders not loaded");
        var wrongToken = await AlertAsync(json, token: "not-the-token-at-all-0000");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.Status);
        Assert.Contains("Bearer", wrongToken.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AlertAsync(json, token: null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AlertAsync("{not json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await AlertAsync("""{"status": "firing", "title": "no fingerprint"}""")).Status);
        var unknown = await AlertAsync(json, source: "nagios");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("alertmanager", unknown.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AlertAsync("""{"eventType": "job.run.errored"}""", source: "dbt-cloud", token: "the-wrong-secret")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await AlertAsync(AlertRequests.Generic("big", new string('x', 200), assets: [new string('a', 600_000)]))).Status);

        Assert.Equal("INC-1", await AppliedAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);

        // The token may come in the URL, for tools that take only a URL.
        Assert.Equal(HttpStatusCode.Accepted, (await AlertAsync(json, inQuery: true)).Status);
        await Slack.WaitForHeadlineAsync("INC-2");
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class AlertTestsOnSqlite() : AlertTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class AlertTestsOnPostgres() : AlertTests(StorageProvider.Postgres);
