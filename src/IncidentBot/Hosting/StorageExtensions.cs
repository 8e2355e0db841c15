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
            var configuration = sp.GetRequiredService<IConfiguration>();
            var provider = string.Equals(configuration[$"{StorageOptions.Section}:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
                ? StorageProvider.Postgres
                : StorageProvider.Sqlite;
            var connectionString = provider == StorageProvider.Postgres
                ? configuration.GetConnectionString("Postgres")!
                : configuration.GetConnectionString("Sqlite") is { Length: > 0 } sqlite ? sqlite : StorageOptions.DefaultSqlite;
            return IncidentStorage.Create(provider, connectionString);
        });
        builder.Services.AddSingleton<IIncidentStore>(sp => sp.GetRequiredService<StorageHandle>().Incidents);
        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<StorageHandle>().Outbox);
        builder.Services.AddHostedService<MigrationService>();
    }
}

/// <summary>Applies pending migrations at start, before any other hosted service runs.</summary>
internal sealed class MigrationService(StorageHandle storage, ILogger<MigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.MigrateAsync(cancellationToken);
        logger.LogInformation("Storage ready: {Provider} at {Database}", storage.Provider, storage.ConnectionStringForDisplay);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
