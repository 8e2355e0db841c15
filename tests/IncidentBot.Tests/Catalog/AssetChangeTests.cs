using IncidentBot.Commands;
using IncidentBot.Domain;
using IncidentBot.Domain.Catalog;
using static IncidentBot.Tests.Catalog.CatalogFixtures;

namespace IncidentBot.Tests.Catalog;

public sealed class AssetChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static Incident Declared(string? affected) =>
        Incident.Declare("orders stale", Severity.P2, Category.StaleData, "U0ALICE", "C0INC", Now, affectedAssets: affected);

    [Theory]
    [InlineData("orders, \"Revenue Dashboard\"", new[] { "orders", "Revenue Dashboard" })]
    [InlineData("orders \"Revenue Dashboard\" raw.orders", new[] { "orders", "Revenue Dashboard", "raw.orders" })]
    [InlineData("orders “Revenue Dashboard”", new[] { "orders", "Revenue Dashboard" })]
    [InlineData("Revenue Dashboard, analytics.prod.orders", new[] { "Revenue Dashboard", "analytics.prod.orders" })]
    [InlineData("  ", new string[0])]
    public void Names_AreCommaSeparated_OrSpaceSeparatedWithQuotes(string text, string[] expected) =>
        Assert.Equal(expected, AssetsCommand.Names(text));

    [Fact]
    public void Adding_TheSameAssetByAnotherName_ChangesNothing()
    {
        var incident = Declared("model.shop.orders");

        Assert.False(incident.ChangeAssets(["analytics.prod.orders"], [], "U0BOB", Now, Shop()));
        Assert.Equal("model.shop.orders", incident.AffectedAssets);
    }

    [Fact]
    public void Removing_ByAnotherNameOfTheSameAsset_TakesItOut()
    {
        var incident = Declared("model.shop.orders, raw.orders");

        Assert.True(incident.ChangeAssets([], ["analytics.prod.orders"], "U0BOB", Now, Shop()));
        Assert.Equal("raw.orders", incident.AffectedAssets);
    }

    [Fact]
    public void OwnersTold_AreNotToldAgain_NewOnesAre()
    {
        var catalog = Shop();
        var incident = Declared("customers");
        var first = incident.TellBlastRadius(BlastRadius.Of(catalog, ["customers"]), Now)!;
        Assert.Equal(["fin-data@shop.example", "finance@shop.example"], first.NewOwners);
        Assert.False(first.OwnersToldBefore);

        Assert.True(incident.ChangeAssets(["prod.orders"], [], "U0BOB", Now, catalog));
        Assert.Equal("customers, prod.orders", incident.AffectedAssets);
        var second = incident.TellBlastRadius(BlastRadius.Of(catalog, ["customers", "prod.orders"]), Now)!;

        Assert.Equal(["maria@shop.example", "Ops team"], second.NewOwners);
        Assert.True(second.OwnersToldBefore);
        Assert.Null(incident.TellBlastRadius(BlastRadius.Of(catalog, ["customers", "prod.orders"]), Now));
    }

    [Fact]
    public void AResolvedIncident_TellsNothing()
    {
        var incident = Declared("customers");
        incident.Resolve(new Resolution("fixed", null, null, null, null, null, false), "U0ALICE", Now);

        Assert.Null(incident.TellBlastRadius(BlastRadius.Of(Shop(), ["customers"]), Now));
    }
}
