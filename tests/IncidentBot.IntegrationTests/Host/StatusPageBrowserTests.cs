using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Microsoft.Playwright;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/status</c> in a real headless browser (the system's Chromium, driven by Playwright) against the
/// bot as a real process: the page renders the open incident, the search finds a dashboard downstream
/// of it, and the browser reports no console errors (a CSP violation would be one). With
/// <c>UPDATE_SCREENSHOT=1</c> it rewrites docs/status-page.png, the README's picture.
/// </summary>
public abstract class StatusPageBrowserTests(StorageProvider provider) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private FakeSlackApi? _slack;
    private TestDatabase? _database;
    private BotProcess? _bot;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _database = await TestDatabase.CreateAsync(provider);
        _bot = await BotProcess.StartAsync(BotSettings.For(_database, _slack));
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
        if (_slack is not null)
        {
            await _slack.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task ThePage_RendersTheIncidents_FindsADownstreamDashboard_WithoutConsoleErrors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install it with `apt-get install -y chromium` (.ci/run does).");
        var bot = _bot!;
        var (status, body) = await CatalogRequests.UploadAsync(bot.Client, CatalogRequests.Shop);
        Assert.True(status == HttpStatusCode.OK, body);
        var requests = new SlackRequests(BotSettings.SigningSecret) { HooksBase = _slack!.HooksBaseUrl };
        await BotTestBase.SendAsync(bot.Client, requests.Command("open P1 raw.orders not loaded since 06:00"), _slack);
        await BotTestBase.SendAsync(bot.Client, requests.Command("open P3 orders_legacy has duplicate rows"), _slack);
        await _slack.WaitForHeadlineAsync("INC-2");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 2 });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                errors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);

        var response = await page.GotoAsync(new Uri(bot.BaseAddress, "status").ToString());
        Assert.Equal(200, response!.Status);
        var incidents = await page.Locator("#incidents").InnerTextAsync();
        Assert.Contains("raw.orders not loaded since 06:00", incidents, StringComparison.Ordinal);
        Assert.Contains("orders_legacy has duplicate rows", incidents, StringComparison.Ordinal);
        Assert.Contains("4 models, 2 dashboards: Revenue Dashboard, Ops Board", incidents, StringComparison.Ordinal);

        await page.FillAsync("#asset", "revenue dash");
        await page.ClickAsync("button[type=submit]");
        var results = await page.Locator("#results").InnerTextAsync();
        Assert.Contains("Revenue Dashboard", results, StringComparison.Ordinal);
        Assert.Contains("Downstream of INC-1", results, StringComparison.Ordinal);
        Assert.Contains("?asset=revenue+dash", page.Url, StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOT") == "1")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryRoot(), "docs", "status-page.png"), FullPage = true });
        }
        Assert.True(errors.Count == 0, "The browser reported:\n" + string.Join("\n", errors));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IncidentBot.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (IncidentBot.sln) was not found above the test binary.");
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class StatusPageBrowserTestsOnSqlite() : StatusPageBrowserTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class StatusPageBrowserTestsOnPostgres() : StatusPageBrowserTests(StorageProvider.Postgres);
