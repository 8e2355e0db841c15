using IncidentBot.Watches;
using Microsoft.Extensions.Configuration;

namespace IncidentBot.Tests.Watches;

/// <summary>The Watches section holds a list (Watches:0:Name) and settings (Watches:QueryTimeout) side by side; mistakes are named with the key to fix.</summary>
public sealed class WatchesOptionsTests
{
    private static (WatchesOptions Options, IReadOnlyList<string> Problems) Read(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new WatchesOptions();
        WatchesOptions.Bind(configuration.GetSection("Watches"), options);
        var result = new WatchesOptionsValidator(configuration, [new PostgresWarehouse()]).Validate(null, options);
        return (options, result.Failed ? result.Failures.ToList() : []);
    }

    [Fact]
    public void TheStat6Configuration_ReadsAsOneWatchAndTheSettings()
    {
        var (options, problems) = Read(new()
        {
            ["ConnectionStrings:Warehouse"] = "Host=warehouse",
            ["Watches:QueryTimeout"] = "00:00:10",
            ["Watches:FastRunRatio"] = "0.4",
            ["Watches:RunHistory"] = "5",
            ["Watches:0:Name"] = "fct_revenue_daily",
            ["Watches:0:Connection"] = "Warehouse",
            ["Watches:0:Query"] = "SELECT max(order_date) FROM analytics.fct_revenue_daily",
            ["Watches:0:MaxAge"] = "26:00:00",
            ["Watches:0:Every"] = "00:05:00",
            ["Watches:0:Severity"] = "P1",
            ["Watches:0:Assets:0"] = "analytics.fct_revenue_daily",
            ["Watches:0:Owner"] = "<@U0123ABCD>",
        });

        Assert.Empty(problems);
        var watch = Assert.Single(options.Items);
        Assert.Equal(TimeSpan.FromHours(26), watch.MaxAge);
        Assert.Equal("0 */5 * * * *", watch.Cron);
        Assert.Equal("U0123ABCD", watch.Owner);
        Assert.Equal(TimeSpan.FromSeconds(10), options.QueryTimeout);
        Assert.Equal(0.4, options.FastRunRatio);
        Assert.Equal(5, options.RunHistory);
    }

    [Fact]
    public void Mistakes_AreEachNamedWithTheKeyToFix()
    {
        var (_, problems) = Read(new()
        {
            ["Watches:0:Name"] = "orders",
            ["Watches:0:Connection"] = "Warehouse",
            ["Watches:0:Query"] = " ",
            ["Watches:0:MaxAge"] = "a day",
            ["Watches:0:Every"] = "00:07:00",
            ["Watches:1:Name"] = "Orders",
            ["Watches:1:Connection"] = "Postgres",
            ["Watches:1:Query"] = "SELECT now()",
            ["Watches:1:MaxAge"] = "01:00:00",
            ["Watches:1:Every"] = "00:01:00",
            ["ConnectionStrings:Postgres"] = "Host=db",
        });

        Assert.Contains(problems, p => p.Contains("Watches:0:Connection names 'Warehouse', but ConnectionStrings:Warehouse is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Watches:0:Query is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Watches:0:MaxAge must be a time span such as 26:00:00 (it is 'a day')", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Watches:0:Every must be whole seconds dividing a minute", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Watches:1:Name 'Orders' is used by another watch", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Host=db", StringComparison.Ordinal));
    }
}
