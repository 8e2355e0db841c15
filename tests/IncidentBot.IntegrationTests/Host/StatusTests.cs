using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>GET /api/assets/{name}/status</c> and <c>GET /status</c> through the real host: an incident on a
/// source makes it <c>incident</c> directly and everything below it downstream, resolution makes them
/// ok again, unknown names are 404, the page shows the incidents and finds a downstream dashboard, and
/// <c>Web:ReadToken</c> guards the pages people read.
/// </summary>
public abstract class StatusTests(StorageProvider provider) : BotTestBase(provider)
{
    public const string ReadToken = "read-token-0123456789abcdef";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (status, body) = await CatalogRequests.UploadAsync(Client, CatalogRequests.Shop);
        Assert.True(status == HttpStatusCode.OK, body);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> AssetAsync(string name)
    {
        using var response = await Client.GetAsync($"/api/assets/{Uri.EscapeDataString(name)}/status");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) : null);
    }

    private async Task<JsonNode> WaitForStatusAsync(string name, string expected, Func<JsonNode, bool>? and = null)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (status, body) = await AssetAsync(name);
            if (status == HttpStatusCode.OK && (string?)body!["status"] == expected && (and is null || and(body)))
            {
                return body;
            }
            Assert.True(DateTime.UtcNow < until, $"{name} did not become {expected}; last answer {(int)status} {body?.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task WithoutIncidents_EveryCatalogAssetIsOk()
    {
        var (status, body) = await AssetAsync("Revenue Dashboard");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"asset":"exposure.shop.revenue_dashboard","status":"ok","incidents":[]}""", body!.ToJsonString());
    }

    [Fact]
    public async Task AnUnknownAsset_Is404()
    {
        var (status, _) = await AssetAsync("fct_nowhere");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task AnIncident_IsDirectOnItsAsset_DownstreamBelowIt_AndOkAfterResolution()
    {
        await OpenAsync("INC-1", "open P1 raw.orders not loaded since 06:00");

        // The link is the headline's permalink, stored once the headline is posted.
        var direct = await WaitForStatusAsync("analytics.raw.orders", "incident", b => b["incidents"]![0]!["url"] is not null);
        var incident = direct["incidents"]![0]!;
        Assert.Equal("source.shop.raw.orders", (string?)direct["asset"]);
        Assert.Equal(("INC-1", "P1", "Open", "raw.orders not loaded since 06:00", true),
            ((string?)incident["ref"], (string?)incident["severity"], (string?)incident["state"], (string?)incident["title"], (bool)incident["direct"]!));
        Assert.StartsWith("https://example.slack.com/archives/", (string?)incident["url"], StringComparison.Ordinal);
        var downstream = await WaitForStatusAsync("revenue_dashboard", "incident");
        Assert.False((bool)downstream["incidents"]![0]!["direct"]!);
        Assert.Equal("ok", (string?)(await AssetAsync("orders_legacy")).Body!["status"]);

        await CommandAsync("resolve INC-1 reloaded and checked");

        await WaitForStatusAsync("Revenue Dashboard", "ok");
        await WaitForStatusAsync("raw.orders", "ok");
    }

    [Fact]
    public async Task AnAssetNoCatalogKnows_HasAStatus_WhileAnIncidentNamesIt()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await AssetAsync("legacy_feed")).Status);

        await AlertRequests.SendAsync(Client, AlertRequests.Post("generic", AlertRequests.Generic("legacy", "legacy feed empty", assets: ["crm.legacy_feed"])));

        var body = await WaitForStatusAsync("legacy_feed", "incident");
        Assert.Equal("legacy_feed", (string?)body["asset"]);
        Assert.True((bool)body["incidents"]![0]!["direct"]!);
    }

    [Fact]
    public async Task ThePage_ShowsTheIncidents_AndFindsADownstreamDashboard()
    {
        await OpenAsync("INC-1", "open P1 raw.orders not loaded since 06:00");
        await WaitForStatusAsync("raw.orders", "incident");

        using var page = await Client.GetAsync("/status?asset=Revenue%20Dashboard");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("1 open incident", html, StringComparison.Ordinal);
        Assert.Contains("raw.orders not loaded since 06:00", html, StringComparison.Ordinal);
        Assert.Contains("4 models, 2 dashboards: Revenue Dashboard, Ops Board", html, StringComparison.Ordinal);
        Assert.Matches("Downstream of (<a href=[^>]+>)?INC-1", html);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TypedText_IsEscapedOnThePage()
    {
        await OpenAsync("INC-1", "open P2 <script>alert(1)</script> raw.orders");
        await WaitForStatusAsync("raw.orders", "incident");

        var html = await Client.GetStringAsync("/status?asset=%3Cimg%20src%3Dx%3E");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x>", html, StringComparison.Ordinal);
    }
}

/// <summary>With <c>Web:ReadToken</c> set: Bearer, or <c>?token=</c> once then the cookie; nothing else.</summary>
public abstract class ReadTokenTests(StorageProvider provider) : BotTestBase(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Web:ReadToken"] = StatusTests.ReadToken;

    [Theory]
    [InlineData("/status")]
    [InlineData("/api/assets/orders/status")]
    [InlineData("/metrics")]
    [InlineData("/incidents/INC-1/postmortem")]
    [InlineData("/status/")]
    [InlineData("/METRICS/")]
    [InlineData("/Api/Assets/orders/status/")]
    public async Task WithoutTheToken_401(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ABearerToken_Opens_AWrongOneDoesNot()
    {
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StatusTests.ReadToken);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-read-token-at-all");

        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(wrong)).StatusCode);
    }

    [Fact]
    public async Task TheTokenInTheAddress_Once_LeavesAnHttpOnlyCookie_AndDropsItFromTheAddress()
    {
        using var browser = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var first = await browser.GetAsync($"/status?token={StatusTests.ReadToken}&asset=orders");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/status?asset=orders", first.Headers.Location?.OriginalString);
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StatusTests.ReadToken, cookie, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/status");
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task SlackEndpointsAndHealth_AreNotGuarded()
    {
        using var health = await Client.GetAsync("/livez");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class StatusTestsOnSqlite() : StatusTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class StatusTestsOnPostgres() : StatusTests(StorageProvider.Postgres);

[Collection(HostCollection.Sqlite)]
public sealed class ReadTokenTestsOnSqlite() : ReadTokenTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ReadTokenTestsOnPostgres() : ReadTokenTests(StorageProvider.Postgres);
