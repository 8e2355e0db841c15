using IncidentBot.Domain.Catalog;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Catalog;

/// <summary>What loading a manifest did: the counts in force, or why the file was refused (the previous catalog stays).</summary>
public sealed record CatalogLoad(string? Error, int Models, int Sources, int Exposures, long Version, bool Changed)
{
    public bool Ok => Error is null;
}

/// <summary>
/// The catalog every replica reads: stored in the database (one row with a version), held here in
/// memory as long as the version in the database is the same, so a read costs one indexed lookup and
/// a new manifest stored by any replica is seen at the next read.
/// </summary>
public sealed class CatalogService(ICatalogStore store, TimeProvider time, ILogger<CatalogService> logger)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Loaded _current = new(0, DataCatalog.Empty);

    /// <summary>The catalog as last read; for code that cannot wait (rendering). Requests use <see cref="GetAsync"/>.</summary>
    public DataCatalog Current => _current.Catalog;

    /// <summary>The catalog in force now (reads it again when another replica stored a new one).</summary>
    public async Task<DataCatalog> GetAsync(CancellationToken cancellationToken = default)
    {
        var version = await store.VersionAsync(cancellationToken) ?? 0;
        var current = _current;
        if (version == current.Version)
        {
            return current.Catalog;
        }
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_current.Version != version)
            {
                var stored = await store.LoadAsync(cancellationToken);
                _current = stored is null ? new Loaded(0, DataCatalog.Empty) : new Loaded(stored.Version, CatalogGraph.FromJson(stored.Graph));
            }
            return _current.Catalog;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>Reads a manifest and makes it the catalog in force; a file that is not a manifest changes nothing.</summary>
    public async Task<CatalogLoad> LoadAsync(Stream manifest, string source, CancellationToken cancellationToken)
    {
        string? error = null;
        var assets = await Task.Run(() => DbtManifest.Read(manifest, out error), cancellationToken);
        return assets is null
            ? new CatalogLoad(error ?? "This is not a dbt manifest.", 0, 0, 0, _current.Version, false)
            : await StoreAsync(assets, source, cancellationToken);
    }

    /// <summary>Makes <paramref name="assets"/> the catalog in force (nothing changes when it holds the same as now).</summary>
    public async Task<CatalogLoad> StoreAsync(IReadOnlyList<CatalogAsset> assets, string source, CancellationToken cancellationToken)
    {
        var catalog = new DataCatalog(assets);
        var graph = CatalogGraph.ToJson(assets);
        var hash = CatalogGraph.Hash(graph);
        var before = await store.VersionAsync(cancellationToken);
        var version = await store.ReplaceAsync(new StoredCatalog(0, hash, source, catalog.Models, catalog.Sources, catalog.Exposures, time.GetUtcNow(), graph), cancellationToken);
        var changed = version != before;
        if (changed)
        {
            logger.LogInformation("Catalog version {Version} from {Source}: {Models} models, {Sources} sources, {Exposures} exposures", version, source, catalog.Models, catalog.Sources, catalog.Exposures);
        }
        await GetAsync(cancellationToken);
        return new CatalogLoad(null, catalog.Models, catalog.Sources, catalog.Exposures, version, changed);
    }

    private sealed record Loaded(long Version, DataCatalog Catalog);
}
