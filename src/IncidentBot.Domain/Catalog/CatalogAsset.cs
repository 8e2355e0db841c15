namespace IncidentBot.Domain.Catalog;

/// <summary>What a catalog entry is: the kinds the blast radius counts, and the rest (metrics, analyses) that only carry lineage.</summary>
public enum AssetKind
{
    Model,
    Source,
    Seed,
    Snapshot,
    Exposure,
    Other,
}

/// <summary>
/// One node of the distilled dbt graph: what the bot needs to name it, tell its owners and judge its
/// importance. <see cref="Children"/> are indexes into the catalog's asset list (tests left out).
/// </summary>
public sealed record CatalogAsset
{
    public required string UniqueId { get; init; }
    public AssetKind Kind { get; init; }
    public required string Name { get; init; }

    /// <summary>Exposures: the label people see in the BI tool.</summary>
    public string? Label { get; init; }

    /// <summary>The warehouse relation, unquoted: <c>analytics.prod.orders</c>.</summary>
    public string? Relation { get; init; }
    public string? Schema { get; init; }

    /// <summary>The table's name in the warehouse (a model's alias, a source's identifier).</summary>
    public string? Alias { get; init; }

    /// <summary>Sources: their <c>source_name</c>.</summary>
    public string? SourceName { get; init; }
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>Exposures: dashboard, notebook, analysis, ml, application.</summary>
    public string? ExposureType { get; init; }

    /// <summary>Exposures: high, medium, low.</summary>
    public string? Maturity { get; init; }
    public string? Url { get; init; }
    public ImpactFlags Impact { get; init; }
    public IReadOnlyList<int> Children { get; init; } = [];

    /// <summary>How people name it in messages: an exposure's label, else its name; a source as <c>source_name.name</c>.</summary>
    public string DisplayName => Kind switch
    {
        AssetKind.Exposure => Label is { Length: > 0 } label ? label : Name,
        AssetKind.Source when SourceName is { Length: > 0 } source => $"{source}.{Name}",
        _ => Name,
    };

    /// <summary>0 for <c>maturity: high</c>, 1 medium, 2 low or unset: the order dashboards are named in.</summary>
    public int MaturityRank => Maturity?.ToLowerInvariant() switch
    {
        "high" => 0,
        "medium" => 1,
        _ => 2,
    };
}
