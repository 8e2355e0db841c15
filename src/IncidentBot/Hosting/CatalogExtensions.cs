using IncidentBot.Catalog;
using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Hosting;

public static class CatalogExtensions
{
    /// <summary>The data catalog (dbt manifest) in the database, the file watcher, and its upload endpoint.</summary>
    public static void AddCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        builder.Services.AddSingleton<ICatalogStore>(sp => sp.GetRequiredService<IncidentStorage>().Catalog);
        builder.Services.AddSingleton<CatalogService>();
        builder.Services.AddHostedService<ManifestFileWatcher>();
    }

    public static void MapCatalogEndpoints(this WebApplication app) =>
        app.MapPost("/catalog/dbt-manifest", CatalogEndpoints.UploadAsync);
}

internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var bad = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero)
        {
            bad.Add($"Catalog:PollInterval must be a positive time span such as 00:00:10 (it is {options.PollInterval}).");
        }
        if (options.MaxManifestBytes < 1024)
        {
            bad.Add($"Catalog:MaxManifestBytes must be at least 1024 (it is {options.MaxManifestBytes}); manifests run to tens of MB.");
        }
        if (options.HasManifestFile && Path.GetDirectoryName(Path.GetFullPath(options.DbtManifest!)) is { } folder && !Directory.Exists(folder))
        {
            bad.Add($"Catalog:DbtManifest is {options.DbtManifest}, but the folder {folder} does not exist; point it at dbt's target/manifest.json.");
        }
        return bad.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(bad);
    }
}
