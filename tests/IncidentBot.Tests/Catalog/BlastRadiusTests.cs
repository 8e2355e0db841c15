using IncidentBot.Domain;
using IncidentBot.Domain.Catalog;
using static IncidentBot.Tests.Catalog.CatalogFixtures;

namespace IncidentBot.Tests.Catalog;

public sealed class BlastRadiusTests
{
    [Fact]
    public void ASource_BreaksEveryModelAndDashboardBelowIt_HighMaturityFirst()
    {
        var radius = BlastRadius.Of(Shop(), ["source.shop.raw.orders"]);

        Assert.Equal(["stg_orders", "orders", "customers", "revenue_daily"], radius.DownstreamModels.Select(m => m.Name));
        Assert.Equal(["Revenue Dashboard", "Ops Board"], radius.DownstreamExposures.Select(e => e.DisplayName));
        Assert.Equal("4 models, 2 dashboards", radius.Summary);
    }

    [Fact]
    public void Owners_OfTheAffectedAndDownstream_EachOnce()
    {
        var radius = BlastRadius.Of(Shop(), ["raw.orders", "stg_orders"]);

        Assert.Equal(["ingest@shop.example", "U0PLATFORM", "maria@shop.example", "fin-data@shop.example", "Ops team", "finance@shop.example"], radius.Owners);
    }

    [Fact]
    public void ImpactFlagsDownstream_FlagTheIncident_WithTheReason()
    {
        var radius = BlastRadius.Of(Shop(), ["customers"]);

        Assert.Equal(ImpactFlags.Revenue, radius.Impact);
        Assert.Equal(["downstream of revenue dashboard Revenue Dashboard"], radius.ImpactReasons);
    }

    [Fact]
    public void NoImpact_WhenNothingFlaggedIsDownstream() =>
        Assert.Equal(ImpactFlags.None, BlastRadius.Of(Shop(), ["model.other.orders"]).Impact);

    [Fact]
    public void UnknownNames_AreKeptApart()
    {
        var radius = BlastRadius.Of(Shop(), ["fct_unknown", "revenue_daily"]);

        Assert.Equal(["fct_unknown"], radius.Unknown);
        Assert.Equal(["revenue_daily"], radius.Affected.Select(a => a.Name));
    }

    [Fact]
    public void Diamond_CountsTheSharedChildOnce()
    {
        var catalog = Graph(("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"));

        var names = catalog.Downstream([catalog.Find("a")!.Value]).Select(i => catalog.Assets[i].Name);

        Assert.Equal(["b", "c", "d", "e"], names);
    }

    [Fact]
    public async Task Cycle_InABrokenManifest_EndsTheWalk()
    {
        var catalog = Graph(("a", "b"), ("b", "c"), ("c", "a"), ("c", "c"));

        var names = await Task.Run(() => catalog.Downstream([catalog.Find("b")!.Value]).Select(i => catalog.Assets[i].Name).ToList())
            .WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["c", "a"], names);
    }

    [Fact]
    public void Cycle_ThroughChildMap_IsReadAndWalked()
    {
        var json = CatalogFixtures.Text("manifest_v10.json").Replace("\"model.legacy.b\": []", "\"model.legacy.b\": [\"model.legacy.a\"]", StringComparison.Ordinal);
        var catalog = new DataCatalog(Read(json));

        Assert.Equal(["b"], catalog.Downstream([catalog.Find("a")!.Value]).Select(i => catalog.Assets[i].Name));
    }
}
