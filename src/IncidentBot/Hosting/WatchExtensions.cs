using IncidentBot.Domain.Ports;
using IncidentBot.Storage;
using IncidentBot.Watches;
using Microsoft.Extensions.Options;

namespace IncidentBot.Hosting;

public static class WatchExtensions
{
    /// <summary>Watches (freshness queries as Hangfire recurring jobs) and the phantom-success rules; see the README, "Watches and phantom success".</summary>
    public static void AddWatches(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WatchesOptions>()
            .Configure<IConfiguration>((o, configuration) => WatchesOptions.Bind(configuration.GetSection(WatchesOptions.Section), o))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WatchesOptions>, WatchesOptionsValidator>();
        services.AddSingleton<IWarehouseClient, PostgresWarehouse>();
        services.AddSingleton<IWatchStore>(sp => sp.GetRequiredService<IncidentStorage>().Watches);
        services.AddSingleton<WatchRunner>();
        services.AddSingleton<PhantomSuccess>();
        services.AddSingleton<RunResultsIntake>();
        services.AddSingleton<WatchSchedule>();
        services.AddSingleton<WatchStatus>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchSchedule>());
        services.AddTransient<WatchJob>();
        services.AddHealthChecks().AddCheck<WatchHealthCheck>("watches");
    }

    /// <summary><c>POST /dbt/run-results?job=&lt;name&gt;</c>: a dbt run_results.json for the phantom-success rules.</summary>
    public static void MapWatchEndpoints(this WebApplication app) =>
        app.MapPost("/dbt/run-results", (HttpContext context, RunResultsIntake intake) => intake.ReceiveAsync(context));
}
