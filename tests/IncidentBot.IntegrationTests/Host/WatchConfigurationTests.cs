using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Watches are checked when the bot starts: each mistake is named by its key, and no connection string is printed.</summary>
[Collection(HostCollection.Sqlite)]
public sealed class WatchConfigurationTests() : OwnHostsTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task BadWatches_StopTheStart_NamingEachKey_WithoutPrintingTheConnectionString()
    {
        var settings = Settings();
        settings["ConnectionStrings:Warehouse"] = "Host=warehouse;Username=ro;Password=warehouse-secret-77";
        settings["Watches:QueryTimeout"] = "00:00:10";
        settings["Watches:0:Name"] = "fct_revenue_daily";
        settings["Watches:0:Connection"] = "Warehous";
        settings["Watches:0:Query"] = "";
        settings["Watches:0:MaxAge"] = "26 hours";
        settings["Watches:0:Every"] = "00:05:00";
        settings["Watches:1:Name"] = "fct_revenue_daily";
        settings["Watches:1:Connection"] = "Warehouse";
        settings["Watches:1:Query"] = "SELECT max(loaded_at) FROM analytics.fct_orders";
        settings["Watches:1:MaxAge"] = "26:00:00";
        settings["Watches:1:Every"] = "00:07:00";

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => StartProcessAsync(settings));

        Assert.Contains("Watches:0:Connection names 'Warehous', but ConnectionStrings:Warehous is not set", failed.Message);
        Assert.Contains("Watches:0:Query is empty", failed.Message);
        Assert.Contains("Watches:0:MaxAge must be a time span such as 26:00:00 (it is '26 hours')", failed.Message);
        Assert.Contains("Watches:1:Name 'fct_revenue_daily' is used by another watch", failed.Message);
        Assert.Contains("Watches:1:Every must be whole seconds dividing a minute", failed.Message);
        Assert.DoesNotContain("warehouse-secret-77", failed.Message);
    }
}
