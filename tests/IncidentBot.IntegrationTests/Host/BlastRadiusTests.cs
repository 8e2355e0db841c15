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
public abstract class BlastRadiusTests(StorageProvider provider) : BotTestBase(provider)
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

    private IReadOnlyList<SlackCall> ThreadOf(SlackCall headline) =>
        Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs && c.Succeeded).ToArray();

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

[Collection(HostCollection.Sqlite)]
public sealed class BlastRadiusTestsOnSqlite() : BlastRadiusTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class BlastRadiusTestsOnPostgres() : BlastRadiusTests(StorageProvider.Postgres);
