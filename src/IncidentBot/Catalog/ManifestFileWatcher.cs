using IncidentBot.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentBot.Catalog;

/// <summary>
/// Reads <c>Catalog:DbtManifest</c> at start and again when the file's time or size changes (polled:
/// works on mounted volumes where file events do not arrive). Any replica may do it: storing the same
/// content twice changes nothing. Each pass also picks up a catalog another replica stored.
/// </summary>
public sealed class ManifestFileWatcher(CatalogService catalog, IOptions<CatalogOptions> options, TimeProvider time, ILogger<ManifestFileWatcher> logger) : BackgroundService
{
    private (DateTime Written, long Length)? _seen;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Reading the dbt manifest at start failed; trying again in {Interval}", options.Value.PollInterval);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking the dbt manifest failed; trying again in {Interval}", options.Value.PollInterval);
            }
        }
    }

    /// <summary>Loads the file when it changed since the last look; refreshes the catalog from the database either way.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.HasManifestFile)
        {
            var file = new FileInfo(settings.DbtManifest!);
            if (!file.Exists)
            {
                if (_seen is not null || !_warned)
                {
                    logger.LogWarning("Catalog:DbtManifest {Path} does not exist (yet); the catalog in the database stays in use", file.FullName);
                    _warned = true;
                    _seen = null;
                }
            }
            else if (_seen != (file.LastWriteTimeUtc, file.Length))
            {
                _seen = (file.LastWriteTimeUtc, file.Length);
                await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true);
                var load = await catalog.LoadAsync(stream, file.Name, cancellationToken);
                if (!load.Ok)
                {
                    logger.LogWarning("Catalog:DbtManifest {Path} was not read ({Error}); the previous catalog stays in use", file.FullName, load.Error);
                }
            }
        }
        await catalog.GetAsync(cancellationToken);
    }

    private bool _warned;
}
