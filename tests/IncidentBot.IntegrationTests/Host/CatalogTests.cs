using System.Net;
using IncidentBot.Catalog;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The catalog through the real host: a manifest from <c>Catalog:DbtManifest</c> at start and when the
/// file changes, and by upload (200 with counts, 401, 400 keeping the previous catalog, 413); kept in
/// the database, so a restarted bot without the file still has it.
/// </summary>
public abstract class CatalogTests(StorageProvider provider) : BotTestBase(provider)
{
    private readonly string _folder = Directory.CreateTempSubdirectory("incidentbot-catalog-").FullName;

    private string ManifestPath => Path.Combine(_folder, "manifest.json");

    protected override void Configure(Dictionary<string, string?> settings)
    {
        File.WriteAllText(ManifestPath, CatalogRequests.Shop);
        settings["Catalog:DbtManifest"] = ManifestPath;
        settings["Catalog:PollInterval"] = "00:00:00.200";
        settings["Catalog:MaxManifestBytes"] = "200000";
    }

    private Task<Domain.Catalog.DataCatalog> CatalogAsync() => BotServices.GetRequiredService<CatalogService>().GetAsync();

    [Fact]
    public async Task TheFile_IsReadAtStart()
    {
        var catalog = await CatalogAsync();

        Assert.Equal((5, 1, 2), (catalog.Models, catalog.Sources, catalog.Exposures));
        Assert.Equal("model.shop.revenue_daily", catalog.Resolve("analytics.marts.revenue_daily")?.UniqueId);
    }

    [Fact]
    public async Task AChangedFile_IsReadAgain()
    {
        await File.WriteAllTextAsync(ManifestPath, CatalogRequests.Legacy);
        File.SetLastWriteTimeUtc(ManifestPath, DateTime.UtcNow.AddMinutes(1));

        var until = DateTime.UtcNow.AddSeconds(10);
        while ((await CatalogAsync()).Models != 2)
        {
            Assert.True(DateTime.UtcNow < until, "The changed manifest was not read within 10 s.");
            await Task.Delay(100);
        }
        Assert.NotNull((await CatalogAsync()).Resolve("model.legacy.b"));
    }

    [Fact]
    public async Task AnUpload_ReplacesIt_AndAnswersTheCounts()
    {
        var (status, body) = await CatalogRequests.UploadAsync(Client, CatalogRequests.Legacy);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"models\":2,\"sources\":0,\"exposures\":0", body, StringComparison.Ordinal);
        Assert.Null((await CatalogAsync()).Resolve("revenue_daily"));
    }

    [Fact]
    public async Task TheSameUpload_Twice_KeepsTheVersion()
    {
        var first = await CatalogRequests.UploadAsync(Client, CatalogRequests.Shop);
        var second = await CatalogRequests.UploadAsync(Client, CatalogRequests.Shop);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Contains("\"version\":1,\"changed\":false", first.Body, StringComparison.Ordinal);
        Assert.Contains("\"version\":1,\"changed\":false", second.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789")]
    public async Task WithoutTheToken_401_AndNothingChanges(string? token)
    {
        var (status, _) = await CatalogRequests.UploadAsync(Client, CatalogRequests.Legacy, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(5, (await CatalogAsync()).Models);
    }

    [Theory]
    [InlineData("{\"nodes\": {}}")]
    [InlineData("{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/run-results/v6.json\"}, \"results\": []}")]
    [InlineData("<html>not json</html>")]
    public async Task NotAManifest_400_AndThePreviousCatalogStays(string json)
    {
        var (status, body) = await CatalogRequests.UploadAsync(Client, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("manifest", body, StringComparison.Ordinal);
        Assert.Equal(5, (await CatalogAsync()).Models);
    }

    [Fact]
    public async Task OverTheLimit_413()
    {
        var padded = CatalogRequests.Shop.Replace("\"parent_map\": {}", "\"parent_map\": {}, \"padding\": \"" + new string('x', 250_000) + "\"", StringComparison.Ordinal);

        var (status, body) = await CatalogRequests.UploadAsync(Client, padded);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Catalog:MaxManifestBytes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARestartedBot_WithoutTheFile_HasTheCatalogFromTheDatabase()
    {
        await CatalogRequests.UploadAsync(Client, CatalogRequests.Legacy);

        await RestartAsync(s => s["Catalog:DbtManifest"] = null);

        Assert.Equal(2, (await CatalogAsync()).Models);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class CatalogTestsOnSqlite() : CatalogTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class CatalogTestsOnPostgres() : CatalogTests(StorageProvider.Postgres);
