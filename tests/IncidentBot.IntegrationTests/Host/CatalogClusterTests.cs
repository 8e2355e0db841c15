using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Two bots on one PostgreSQL database: a manifest uploaded to one is the catalog of the other at its
/// next request, and an incident declared through one shows in the other's asset API at once.
/// </summary>
[Collection(HostCollection.Postgres)]
public sealed class CatalogClusterTests() : OwnHostsTestBase(StorageProvider.Postgres)
{
    [Fact]
    public async Task AManifestUploadedToOneReplica_IsTheOthersCatalog_AndItsIncidentsItsStatus()
    {
        var settings = Settings();
        settings["Catalog:PollInterval"] = "01:00:00"; // no background refresh: the request itself must see the new catalog
        var a = await StartInProcessAsync(settings);
        var b = await StartInProcessAsync(settings);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync("/api/assets/revenue_dashboard/status")).StatusCode);

        var (status, body) = await CatalogRequests.UploadAsync(a.Client, CatalogRequests.Shop);
        Assert.True(status == HttpStatusCode.OK, body);
        var ok = JsonNode.Parse(await b.Client.GetStringAsync("/api/assets/revenue_dashboard/status"))!;
        Assert.Equal("ok", (string?)ok["status"]);

        await BotTestBase.SendAsync(a.Client, Requests.Command("open P1 raw.orders not loaded since 06:00"), Slack);
        var until = DateTime.UtcNow.AddSeconds(15);
        while ((string?)JsonNode.Parse(await b.Client.GetStringAsync("/api/assets/revenue_dashboard/status"))!["status"] != "incident")
        {
            Assert.True(DateTime.UtcNow < until, "The other replica did not see the incident on the dashboard's upstream source.");
            await Task.Delay(50);
        }
    }
}
