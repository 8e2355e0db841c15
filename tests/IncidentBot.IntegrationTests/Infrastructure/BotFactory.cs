using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>The bot in this process (the real Program, its hosted services included), configured for one test's database and fake Slack.</summary>
public sealed class BotFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>Sections Program reads while it builds: Hangfire's store and timings (AddScheduling), the templates (AddMessages).</summary>
    private static readonly string[] BuildTimeSections = ["Storage:", "ConnectionStrings:", "Scheduler:", "Templates:"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }

    /// <summary>
    /// The sections Program reads while it builds also go in as host configuration, which the test
    /// server hands to Program as command-line arguments; the app configuration above applies only
    /// after that. Without this every in-process bot ran its scheduler on the default SQLite file in the
    /// output folder (data/incidentbot.db), one store shared by all bots, PostgreSQL ones included.
    /// Only these sections: the arguments also carry each parent key with an empty value, which
    /// Serilog, for one, would read as a level.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var buildTime = settings.Where(s => BuildTimeSections.Any(section => s.Key.StartsWith(section, StringComparison.OrdinalIgnoreCase)));
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(buildTime));
        return base.CreateHost(builder);
    }
}
