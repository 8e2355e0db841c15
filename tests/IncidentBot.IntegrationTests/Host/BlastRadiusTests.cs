using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The blast radius through the real host: an incident on a source model shows the downstream
/// dashboards in its headline, the thread lists them once and mentions the owners once (e-mails
/// through users.lookupByEmail, Slack ids as they are, other text as text), the catalog's revenue
/// flag triggers the impact routing with its reason, and assets from alerts resolve through the catalog.
/// </summary>
/// <summary>A bot with the shop manifest loaded and the owners' e-mails known to the fake Slack.</summary>
public abstract class BlastRadiusTestsBase(StorageProvider provider) : BotTestBase(provider)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (status, body) = await CatalogRequests.UploadAsync(Client, CatalogRequests.Shop);
        Assert.True(status == HttpStatusCode.OK, body);
        Slack.AddEmail("maria@shop.example", "U0MARIA");
        Slack.AddEmail("fin-data@shop.example", "U0FINDATA");
        Slack.AddEmail("finance@shop.example", "U0FINANCE");
    }

    protected IReadOnlyList<SlackCall> ThreadOf(SlackCall headline) =>
        Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs && c.Succeeded).ToArray();
}

public abstract class BlastRadiusTests(StorageProvider provider) : BlastRadiusTestsBase(provider)
{
    private IReadOnlyList<SlackCall> RadiusNotes(SlackCall headline) =>
        ThreadOf(headline).Where(c => c.AllText.Contains("Owners", StringComparison.Ordinal) || c.AllText.Contains("Blast radius of", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task AnIncidentOnASource_ShowsTheDownstreamDashboards_InItsHeadline()
    {
        var headline = await OpenAsync("INC-1", "open P2 raw.orders not loaded since 06:00");

        Assert.Contains("*Affected systems:* raw.orders", headline.AllText);
        Assert.Contains("*Downstream:* 4 models, 2 dashboards: Revenue Dashboard, Ops Board", headline.AllText);
    }

    [Fact]
    public async Task TheThread_GetsTheFullList_AndTheOwnersMentioned_Once()
    {
        var headline = await OpenAsync("INC-1", "open P2 raw.orders not loaded since 06:00");
        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("Blast radius of INC-1", StringComparison.Ordinal), "the blast radius note");

        Assert.Contains("Revenue Dashboard (dashboard, high maturity) https://bi.example/d/1", note.AllText);
        Assert.Contains("*Models:* stg_orders, orders, customers, revenue_daily", note.AllText);
        Assert.Contains("<@U0PLATFORM>", note.AllText);
        Assert.Contains("<@U0MARIA>", note.AllText);
        Assert.Contains("<@U0FINDATA>", note.AllText);
        Assert.Contains("ingest@shop.example", note.AllText);
        Assert.DoesNotContain("<@U0INGEST", note.AllText);
        Assert.Contains("Ops team", note.AllText);

        await CommandAsync("update INC-1 still looking");
        await CommandAsync("ack INC-1");
        await SettleAsync();
        Assert.Single(RadiusNotes(headline));
    }

    [Fact]
    public async Task ARevenueDashboardDownstream_FlagsTheImpact_WithTheReason()
    {
        var headline = await OpenAsync("INC-1", "open P2 customers wrong since 06:00");
        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("Blast radius of INC-1", StringComparison.Ordinal), "the blast radius note");

        Assert.Contains("Business impact from the catalog: downstream of revenue dashboard Revenue Dashboard", note.AllText);
        await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("revenue", StringComparison.OrdinalIgnoreCase) && c.ReplyBroadcast, "the revenue impact notice");
    }

    [Fact]
    public async Task TheFormsAssetSelect_IsAnsweredWithMatchingCatalogNames_AndWhatWasTyped()
    {
        var reply = await SendAsync(Requests.BlockSuggestion(IncidentBot.Slack.SlackIds.InputAffected, "revenue"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var options = System.Text.Json.Nodes.JsonNode.Parse(reply.Body)!["options"]!.AsArray().Select(o => ((string?)o!["value"], (string?)o["text"]!["text"])).ToList();
        Assert.Equal(("exposure.shop.revenue_dashboard", "Revenue Dashboard · dashboard"), options[0]);
        Assert.Equal(("model.shop.revenue_daily", "revenue_daily · model · analytics.marts.revenue_daily"), options[1]);
        Assert.Equal(("revenue", "revenue (as typed)"), options[^1]);
        Assert.Empty(Slack.Calls);
    }

    [Fact]
    public async Task TheFormsSelectedAssets_GiveTheBlastRadius()
    {
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModalWithAssets("V0ASSETS03", "Sources frozen", "source.shop.raw.orders", "legacy_feed")));
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains("*Affected systems:* source.shop.raw.orders, legacy_feed", headline.AllText);
        Assert.Contains("*Downstream:* 4 models, 2 dashboards", headline.AllText);
    }

    [Fact]
    public async Task WithoutACatalogMatch_NothingIsAdded()
    {
        var headline = await OpenAsync("INC-1", "open P2 something vague is off");
        await SettleAsync();

        Assert.DoesNotContain("*Downstream:*", headline.AllText);
        Assert.Empty(RadiusNotes(headline));
    }

    [Fact]
    public async Task AnAlertsAssets_ResolveThroughTheCatalog_AndJoinTheIncidentOnTheSameTable()
    {
        var (status, _) = await AlertRequests.SendAsync(Client, AlertRequests.Post("generic", AlertRequests.Generic("rev-fresh", "revenue_daily late", assets: ["model.shop.revenue_daily", "analytics.marts.revenue_daily"])));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        await AlertRequests.SendAsync(Client, AlertRequests.Post("generic", AlertRequests.Generic("rev-rows", "revenue_daily rows 0", assets: ["marts.revenue_daily"])));
        await AlertRequests.WaitUntilAppliedAsync(BotServices);

        Assert.Contains("*Affected systems:* model.shop.revenue_daily\n", headline.AllText);
        Assert.Contains("*Downstream:* 0 models, 1 dashboard: Revenue Dashboard", headline.AllText);
        Assert.Equal("INC-2", await SettleAsync());
    }
}

/// <summary><c>/incident assets</c> and the update form's assets field: the headline, hold-off line, blast radius and owners follow; owners newly hit are told once.</summary>
public abstract class AssetChangeTests(StorageProvider provider) : BlastRadiusTestsBase(provider)
{
    private Task<SlackCall> NoteAsync(SlackCall headline, string containing) =>
        Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.Method == "chat.postMessage" && c.AllText.Contains(containing, StringComparison.Ordinal), containing);

    [Fact]
    public async Task AddingAssets_MovesTheHeadline_AndTellsOwnersNewlyHit_Once()
    {
        var headline = await OpenAsync("INC-1", "open P2 orders_legacy stale since 06:00");

        await CommandAsync("assets INC-1 add customers");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("*Downstream:* 1 model, 1 dashboard: Revenue Dashboard", StringComparison.Ordinal), "the headline with the new blast radius");
        Assert.Contains("*Affected systems:* orders_legacy, customers", edit.AllText);
        Assert.Contains("hold off on using orders_legacy, customers", edit.AllText);
        var first = await NoteAsync(headline, "Owners of the affected and downstream assets");
        Assert.Contains("<@U0FINDATA>, <@U0FINANCE>", first.AllText);

        await CommandAsync("assets INC-1 add stg_orders");
        var more = await NoteAsync(headline, "Owners newly hit");
        Assert.Contains("<@U0PLATFORM>", more.AllText);
        Assert.Contains("<@U0MARIA>", more.AllText);
        Assert.DoesNotContain("U0FINDATA", more.AllText);

        await CommandAsync("assets INC-1 remove customers, stg_orders");
        await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("*Affected systems:* orders_legacy\n", StringComparison.Ordinal) && c.AllText.Contains("0 models, 0 dashboards", StringComparison.Ordinal), "the headline back to one asset");
        await CommandAsync("assets INC-1 add customers");
        await SettleAsync();
        Assert.Single(ThreadOf(headline), c => c.AllText.Contains("Owners newly hit", StringComparison.Ordinal));
        Assert.Single(ThreadOf(headline), c => c.AllText.Contains("Owners of the affected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheUpdateForm_ReplacesTheAssets()
    {
        await OpenAsync("INC-1", "open P2 orders_legacy stale since 06:00");

        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.UpdateModal("V0ASSETS01", 1, "all marts are frozen, not just this one", affected: "raw.orders, orders_legacy")));
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("*Affected systems:* raw.orders, orders_legacy", StringComparison.Ordinal), "the headline with the form's assets");
        Assert.Contains("*Downstream:* 4 models, 2 dashboards", edit.AllText);
    }

    [Fact]
    public async Task AnUpdateFormWithoutTheField_LeavesTheAssets()
    {
        await OpenAsync("INC-1", "open P2 orders_legacy stale since 06:00");

        await SendAsync(Requests.ViewSubmission(SlackRequests.UpdateModal("V0ASSETS02", 1, "still looking")));
        await SettleAsync();

        Assert.All(Slack.Calls.Where(c => c.Method == "chat.update" && c.Mentions("INC-1")), c => Assert.Contains("*Affected systems:* orders_legacy\n", c.AllText));
    }

    [Theory]
    [InlineData("assets INC-1", "Say `add` or `remove`")]
    [InlineData("assets INC-1 add", "Name the tables or dashboards")]
    [InlineData("assets orders add x", "is not an incident reference")]
    public async Task BadCommands_AreAnsweredAndChangeNothing(string text, string answer)
    {
        var reply = await CommandAsync(text);

        Assert.Contains(answer, reply.Text);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class AssetChangeTestsOnSqlite() : AssetChangeTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class AssetChangeTestsOnPostgres() : AssetChangeTests(StorageProvider.Postgres);

[Collection(HostCollection.Sqlite)]
public sealed class BlastRadiusTestsOnSqlite() : BlastRadiusTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class BlastRadiusTestsOnPostgres() : BlastRadiusTests(StorageProvider.Postgres);
