using IncidentBot.Domain.Catalog;
using static IncidentBot.Tests.Catalog.CatalogFixtures;

namespace IncidentBot.Tests.Catalog;

public sealed class CatalogNamesTests
{
    [Theory]
    [InlineData("model.shop.revenue_daily")]
    [InlineData("MODEL.SHOP.REVENUE_DAILY")]
    [InlineData("analytics.marts.revenue_daily")]
    [InlineData("\"analytics\".\"marts\".\"revenue_daily\"")]
    [InlineData("marts.revenue_daily")]
    [InlineData("revenue_daily")]
    [InlineData(" Revenue_Daily ")]
    public void EverySpellingOfAModel_ResolvesToIt(string name) =>
        Assert.Equal("model.shop.revenue_daily", Shop().Resolve(name)?.UniqueId);

    [Theory]
    [InlineData("revenue_dashboard")]
    [InlineData("Revenue Dashboard")]
    [InlineData("revenue dashboard")]
    [InlineData("exposure.shop.revenue_dashboard")]
    public void Exposures_ResolveByNameOrLabel(string name) =>
        Assert.Equal("exposure.shop.revenue_dashboard", Shop().Resolve(name)?.UniqueId);

    [Fact]
    public void ABareNameTwoAssetsShare_ResolvesToNeither_ButTheirQualifiedNamesDo()
    {
        var catalog = Shop();

        Assert.Null(catalog.Resolve("orders"));
        Assert.Equal("model.shop.orders", catalog.Resolve("prod.orders")?.UniqueId);
        Assert.Equal("model.other.orders", catalog.Resolve("orders_legacy")?.UniqueId);
        Assert.Equal("source.shop.raw.orders", catalog.Resolve("raw.orders")?.UniqueId);
        Assert.Equal("source.shop.raw.orders", catalog.Resolve("analytics.raw.orders")?.UniqueId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fct_nothing")]
    [InlineData("test.shop.not_null_orders_id.abc")]
    public void UnknownNames_ResolveToNothing(string name) => Assert.Null(Shop().Resolve(name));

    [Fact]
    public void TitleWords_ThatExactlyNameAnAsset_AreFound()
    {
        var found = TitleAssets.In(Shop(), "revenue_daily and customers stale since 06:00, Revenue dashboard empty");

        Assert.Equal(["revenue_daily", "customers"], found);
    }

    [Fact]
    public void TitleWords_PartsOfNames_AreNotAssets() =>
        Assert.Empty(TitleAssets.In(Shop(), "revenue numbers look daily wrong"));

    [Fact]
    public void Search_PutsExactAndPrefixMatchesFirst()
    {
        var found = Shop().Search("rev", 10).Select(a => a.UniqueId).ToList();

        Assert.Equal(["exposure.shop.revenue_dashboard", "model.shop.revenue_daily"], found);
    }
}
