using Dapper;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Storage.Incidents;

/// <summary>The catalog's one row.</summary>
internal sealed class SqlCatalogStore(Database database) : ICatalogStore
{
    private const string Upsert = """
        INSERT INTO catalog (id, version, content_hash, source, models, sources, exposures, loaded_at, graph)
        VALUES (1, 1, @ContentHash, @Source, @Models, @Sources, @Exposures, @LoadedAt, @Graph)
        ON CONFLICT (id) DO UPDATE SET
            version = catalog.version + 1, content_hash = excluded.content_hash, source = excluded.source,
            models = excluded.models, sources = excluded.sources, exposures = excluded.exposures,
            loaded_at = excluded.loaded_at, graph = excluded.graph
        WHERE catalog.content_hash <> excluded.content_hash
        """;

    public async Task<long?> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT version FROM catalog WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task<StoredCatalog?> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CatalogRow>(new CommandDefinition(
            "SELECT version, content_hash, source, models, sources, exposures, loaded_at, graph FROM catalog WHERE id = 1",
            cancellationToken: cancellationToken));
        return row is null ? null : new StoredCatalog(row.Version, row.ContentHash, row.Source, (int)row.Models, (int)row.Sources, (int)row.Exposures, UnixMs.To(row.LoadedAt), row.Graph);
    }

    public Task<long> ReplaceAsync(StoredCatalog catalog, CancellationToken cancellationToken = default) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(Upsert, new
            {
                catalog.ContentHash,
                catalog.Source,
                catalog.Models,
                catalog.Sources,
                catalog.Exposures,
                LoadedAt = UnixMs.From(catalog.LoadedAt),
                catalog.Graph,
            }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT version FROM catalog WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    private sealed class CatalogRow
    {
        public long Version { get; set; }
        public string ContentHash { get; set; } = "";
        public string Source { get; set; } = "";
        public long Models { get; set; }
        public long Sources { get; set; }
        public long Exposures { get; set; }
        public long LoadedAt { get; set; }
        public string Graph { get; set; } = "";
    }
}
