using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.Hosting;

public static class StorageExtensions
{
    /// <summary>The incident store on the configured database; migrations run before the host serves.</summary>
    public static void AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<UnreadableRows>>();
            return new UnreadableRows((row, reason) =>
                logger.LogError("{Incident} cannot be read and is left out of lists, stats and reminders until its row is repaired: {Reason}", row, reason));
        });
        builder.Services.AddSingleton(sp =>
        {
            var (provider, connectionString) = Resolve(sp.GetRequiredService<IConfiguration>());
            return IncidentStorage.Create(provider, connectionString, sp.GetRequiredService<UnreadableRows>());
        });
        builder.Services.AddSingleton<IIncidentStore>(sp => sp.GetRequiredService<IncidentStorage>().Incidents);
        builder.Services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<IncidentStorage>().Alerts);
        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<IncidentStorage>().Outbox);
        builder.Services.AddSingleton<IChannelPacing>(sp => sp.GetRequiredService<IncidentStorage>().Pacing);
        builder.Services.AddSingleton<IMessageLinks>(sp => sp.GetRequiredService<IncidentStorage>().Links);
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<UnreadableRowsHealthCheck>("incident-rows");
    }

    /// <summary>The configured provider and its connection string (SQLite's default when none is set).</summary>
    public static (StorageProvider Provider, string ConnectionString) Resolve(IConfiguration configuration)
    {
        var provider = string.Equals(configuration[$"{StorageOptions.Section}:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? StorageProvider.Postgres
            : StorageProvider.Sqlite;
        var connectionString = provider == StorageProvider.Postgres
            ? configuration.GetConnectionString("Postgres") ?? ""
            : configuration.GetConnectionString("Sqlite") is { Length: > 0 } sqlite ? sqlite : StorageOptions.DefaultSqlite;
        return (provider, connectionString);
    }
}

/// <summary>Healthy when the database answers.</summary>
internal sealed class DatabaseHealthCheck(IIncidentStore store) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.PingAsync(cancellationToken)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database did not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable: " + e.GetType().Name);
        }
    }
}

/// <summary>Degraded (still 200: the bot serves everyone else) while some incident's row cannot be read; names each with the reason.</summary>
internal sealed class UnreadableRowsHealthCheck(UnreadableRows unreadable) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(unreadable.Current is { Count: > 0 } rows
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(string.Join("; ", rows.Select(r => $"{r.Key} cannot be read: {r.Value}")))
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
}

/// <summary>Applies pending migrations at start, before any other hosted service runs.</summary>
internal sealed class MigrationService(IncidentStorage storage, ILogger<MigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.MigrateAsync(cancellationToken);
        var freed = await storage.ReleaseLeasesOfEarlierRunsAsync(cancellationToken);
        if (freed > 0)
        {
            logger.LogWarning("The last run stopped without giving back {Count} claimed messages, requests or schedule passes (killed?); they are taken again now", freed);
        }
        logger.LogInformation("Storage ready: {Provider} at {Database}", storage.Provider, storage.ConnectionStringForDisplay);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
