namespace IncidentBot.Configuration;

/// <summary><c>Catalog</c>: where the dbt manifest comes from and how large an uploaded one may be.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Path to dbt's <c>target/manifest.json</c>; read at start and whenever it changes. Optional: <c>POST /catalog/dbt-manifest</c> works without it.</summary>
    public string? DbtManifest { get; set; }

    /// <summary>How often the file is checked for a change (its time and size), and how often a replica picks up a catalog another one stored.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Uploads larger than this get 413. Manifests of large projects run to hundreds of MB; 256 MiB by default.</summary>
    public long MaxManifestBytes { get; set; } = 256L * 1024 * 1024;

    public bool HasManifestFile => !string.IsNullOrWhiteSpace(DbtManifest);
}
