using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/incident list</c> (the open incidents, most severe first) and <c>/incident list all</c> (newest
/// first): one line each with severity, state, who is responsible and how old it is (or how long it
/// lasted), line for line. Incidents are declared through the form with a detection time in the past,
/// so every age is known in whole minutes.
/// </summary>
public abstract class ListTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";

    /// <summary>Half a minute past the whole minute: the test's own seconds never tip an age into the next minute.</summary>
    private static readonly TimeSpan Past = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task List_ShowsTheOpenIncidentsMostSevereFirst_AndListAllEveryIncidentNewestFirst()
    {
        Assert.Equal(":white_check_mark: No open incidents. `/incident list all` shows past ones.", (await CommandAsync("list")).Text);
        Assert.Equal("No incidents yet.", (await CommandAsync("list all")).Text);

        // INC-1  P2  acknowledged by Bob: Investigating   detected 2 h 10 min ago (a title that needs escaping)
        // INC-2  P0  owner Carol, nobody acknowledged      detected 45 min ago
        // INC-3  P1  acknowledged by Bob, resolved          detected 1 h 30 min before it was resolved
        // INC-4  P3  declared by Alice, cancelled           detected 20 min before it was cancelled
        await DeclareThroughTheFormAsync("INC-1", "V0LIST0001", "fct_orders & fct_payments <late>", "P2", "StaleData", null, TimeSpan.FromMinutes(130));
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await DeclareThroughTheFormAsync("INC-2", "V0LIST0002", "order rows deleted by a backfill", "P0", "DataLoss", Carol, TimeSpan.FromMinutes(45));
        await DeclareThroughTheFormAsync("INC-3", "V0LIST0003", "orders mart stale since 06:00", "P1", "StaleData", null, TimeSpan.FromMinutes(90));
        await CommandAsync("ack INC-3", user: SlackRequests.Bob);
        Assert.Contains("INC-3 resolved", (await CommandAsync("resolve INC-3 re-ran the skipped load", user: SlackRequests.Bob)).Text);
        await DeclareThroughTheFormAsync("INC-4", "V0LIST0004", "a column renamed in stg_customers", "P3", "SchemaBreak", null, TimeSpan.FromMinutes(20));
        Assert.Contains("INC-4 cancelled", (await CommandAsync("cancel INC-4 false alarm")).Text);

        var open = await CommandAsync("list");
        var all = await CommandAsync("list all");

        Assert.False(open.Deferred, $"Listing changes nothing: answered inline; {open}");
        Assert.Equal("ephemeral", open.ResponseType);
        Assert.Equal(
            [
                "*Open incidents, most severe first*",
                ":red_circle: *INC-2* P0 · Open · <@U0CAROL> · 45 min old · order rows deleted by a backfill",
                ":large_yellow_circle: *INC-1* P2 · Investigating · <@U0BOB> · 2 h 10 min old · fct_orders &amp; fct_payments &lt;late&gt;",
            ],
            open.Text.Split('\n'));
        Assert.Equal(
            [
                "*Incidents, newest first*",
                ":white_circle: *INC-4* P3 · Cancelled · <@U0ALICE> · 20 min long · a column renamed in stg_customers",
                ":large_orange_circle: *INC-3* P1 · Resolved · <@U0BOB> · 1 h 30 min long · orders mart stale since 06:00",
                ":red_circle: *INC-2* P0 · Open · <@U0CAROL> · 45 min old · order rows deleted by a backfill",
                ":large_yellow_circle: *INC-1* P2 · Investigating · <@U0BOB> · 2 h 10 min old · fct_orders &amp; fct_payments &lt;late&gt;",
            ],
            all.Text.Split('\n'));
        Assert.Equal(open.Text, (await CommandAsync("list open")).Text);
    }

    private async Task DeclareThroughTheFormAsync(string reference, string viewId, string title, string severity, string category, string? owner, TimeSpan detectedAgo)
    {
        var detectedAt = (DateTimeOffset.UtcNow - detectedAgo - Past).ToUnixTimeSeconds();
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal(viewId, title, severity, category, owner: owner, detectedAtUnix: detectedAt)));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Json?["response_action"]);
        await Slack.WaitForHeadlineAsync(reference);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ListTestsOnSqlite() : ListTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ListTestsOnPostgres() : ListTests(StorageProvider.Postgres);
