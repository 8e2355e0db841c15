using System.Text;
using IncidentBot.Domain;
using IncidentBot.Domain.Catalog;
using static IncidentBot.Tests.Catalog.CatalogFixtures;

namespace IncidentBot.Tests.Catalog;

public sealed class DbtManifestTests
{
    [Fact]
    public void V12_ReadsModelsSourcesAndExposures_AndLeavesTestsOut()
    {
        var catalog = Shop();

        Assert.Equal(5, catalog.Models);
        Assert.Equal(1, catalog.Sources);
        Assert.Equal(2, catalog.Exposures);
        Assert.DoesNotContain(catalog.Assets, a => a.UniqueId.StartsWith("test.", StringComparison.Ordinal));
        var orders = catalog.Resolve("model.shop.orders")!;
        Assert.Equal(["model.shop.revenue_daily", "exposure.shop.ops_board"], orders.Children.Select(c => catalog.Assets[c].UniqueId).Order().Reverse().ToArray());
        Assert.Equal("analytics.prod.orders", orders.Relation);
    }

    [Fact]
    public void Owners_ComeFromConfigMeta_ThenTheGroup_AndExposuresFromTheirOwner()
    {
        var catalog = Shop();

        Assert.Equal(["maria@shop.example"], catalog.Resolve("model.shop.orders")!.Owners);
        Assert.Equal(["U0PLATFORM"], catalog.Resolve("model.shop.stg_orders")!.Owners);
        Assert.Equal(["fin-data@shop.example"], catalog.Resolve("model.shop.revenue_daily")!.Owners);
        Assert.Equal(["fin-data@shop.example"], catalog.Resolve("model.shop.customers")!.Owners);
        Assert.Equal(["finance@shop.example"], catalog.Resolve("Revenue Dashboard")!.Owners);
        Assert.Equal(["Ops team"], catalog.Resolve("ops_board")!.Owners);
        Assert.Empty(catalog.Resolve("model.other.orders")!.Owners);
    }

    [Fact]
    public void V10_ReadsTopLevelMeta_OwnerListsAndImpactFlags()
    {
        var catalog = new DataCatalog(Read(Text("manifest_v10.json")));

        var a = catalog.Resolve("a")!;
        Assert.Equal(["owner-a@x.example"], a.Owners);
        Assert.Equal(ImpactFlags.Regulatory | ImpactFlags.CustomerFacing, a.Impact);
        var b = catalog.Resolve("db.s.b")!;
        Assert.Equal(["@anna", "U0BBB"], b.Owners);
        Assert.Equal(ImpactFlags.Security, b.Impact);
        Assert.Equal([1], a.Children);
    }

    [Fact]
    public void V11_IsReadLikeTheOthers()
    {
        var v11 = Text("manifest_v10.json").Replace("manifest/v10.json", "manifest/v11.json", StringComparison.Ordinal);

        Assert.Equal(2, new DataCatalog(Read(v11)).Models);
    }

    [Fact]
    public void MetaAtTopLevel_WinsOverConfigMeta()
    {
        var json = Text("manifest_v10.json").Replace("\"config\": { \"meta\": {} },\n      \"depends_on\": { \"nodes\": [] }", "\"config\": { \"meta\": { \"owner\": \"other@x.example\" } },\n      \"depends_on\": { \"nodes\": [] }", StringComparison.Ordinal);

        Assert.Equal(["owner-a@x.example"], new DataCatalog(Read(json)).Resolve("a")!.Owners);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("not json at all")]
    [InlineData("""{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json"}, "nodes": {}}""")]
    [InlineData("""{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}}""")]
    public void NotAManifest_IsRefusedWithTheReason(string json)
    {
        var assets = DbtManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), out var error);

        Assert.Null(assets);
        Assert.Contains("manifest", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ChildMapMissing_LineageComesFromDependsOn()
    {
        var json = Text("manifest_v12.json");
        var start = json.IndexOf("\"child_map\"", StringComparison.Ordinal);
        var withoutChildMap = json[..start] + "\"child_map\": {} }";

        var catalog = new DataCatalog(Read(withoutChildMap));
        var radius = BlastRadius.Of(catalog, ["raw.orders"]);

        Assert.Equal(["Revenue Dashboard", "Ops Board"], radius.DownstreamExposures.Select(e => e.DisplayName));
    }
}
