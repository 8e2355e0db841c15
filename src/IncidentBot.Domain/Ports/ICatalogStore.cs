namespace IncidentBot.Domain.Ports;

/// <summary>The catalog as stored: its graph (JSON, see <see cref="Catalog.CatalogGraph"/>) and what it holds.</summary>
public sealed record StoredCatalog(long Version, string ContentHash, string Source, int Models, int Sources, int Exposures, DateTimeOffset LoadedAt, string Graph);

/// <summary>The one catalog every replica reads.</summary>
public interface ICatalogStore
{
    /// <summary>The version in force, or null when no manifest was ever loaded (one indexed row: cheap enough to ask per request).</summary>
    Task<long?> VersionAsync(CancellationToken cancellationToken = default);

    Task<StoredCatalog?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="catalog"/> the one in force unless its content is already (idempotent: two replicas reading one file store it once); returns the version in force.</summary>
    Task<long> ReplaceAsync(StoredCatalog catalog, CancellationToken cancellationToken = default);
}
