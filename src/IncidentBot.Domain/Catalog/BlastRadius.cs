namespace IncidentBot.Domain.Catalog;

/// <summary>
/// What an incident's affected assets break: the catalog assets they name, everything downstream of
/// them (models, and exposures most important first), who owns any of it, and the business impact the
/// catalog flags with the reason for each.
/// </summary>
public sealed record BlastRadius(
    IReadOnlyList<CatalogAsset> Affected,
    IReadOnlyList<string> Unknown,
    IReadOnlyList<CatalogAsset> DownstreamModels,
    IReadOnlyList<CatalogAsset> DownstreamExposures,
    IReadOnlyList<string> Owners,
    ImpactFlags Impact,
    IReadOnlyList<string> ImpactReasons)
{
    public static BlastRadius None { get; } = new([], [], [], [], [], ImpactFlags.None, []);

    /// <summary>The blast radius of <paramref name="names"/> (an incident's affected assets) in <paramref name="catalog"/>.</summary>
    public static BlastRadius Of(DataCatalog catalog, IEnumerable<string> names)
    {
        var affected = new List<int>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (catalog.Find(name) is { } i)
            {
                if (!affected.Contains(i))
                {
                    affected.Add(i);
                }
            }
            else if (name.Trim().Length > 0)
            {
                unknown.Add(name.Trim());
            }
        }
        if (affected.Count == 0)
        {
            return None with { Unknown = unknown };
        }
        var downstream = catalog.Downstream(affected);
        var models = downstream.Select(i => catalog.Assets[i]).Where(a => a.Kind == AssetKind.Model).ToList();
        var exposures = downstream.Select(i => catalog.Assets[i]).Where(a => a.Kind == AssetKind.Exposure)
            .OrderBy(a => a.MaturityRank).ThenBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        var all = affected.Concat(downstream).Select(i => catalog.Assets[i]).ToList();
        var owners = all.SelectMany(a => a.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var impact = ImpactFlags.None;
        var reasons = new List<string>();
        var direct = affected.Select(i => catalog.Assets[i]).ToList();
        foreach (var flag in (ImpactFlags[])[ImpactFlags.Revenue, ImpactFlags.CustomerFacing, ImpactFlags.Regulatory, ImpactFlags.Security])
        {
            var hit = direct.FirstOrDefault(a => a.Impact.HasFlag(flag));
            var isDownstream = hit is null;
            hit ??= exposures.FirstOrDefault(a => a.Impact.HasFlag(flag)) ?? all.FirstOrDefault(a => a.Impact.HasFlag(flag));
            if (hit is null)
            {
                continue;
            }
            impact |= flag;
            var what = $"{FlagWord(flag)} {KindWord(hit)} {hit.DisplayName}";
            reasons.Add(isDownstream ? $"downstream of {what}" : what);
        }
        return new BlastRadius(direct, unknown, models, exposures, owners, impact, reasons);
    }

    /// <summary>Tells one radius from another (the assets it holds): the thread is told the list again only when this changes.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('\n', Affected.Select(a => a.UniqueId).Order(StringComparer.Ordinal)) + "\n>\n"
        + string.Join('\n', DownstreamModels.Concat(DownstreamExposures).Select(a => a.UniqueId).Order(StringComparer.Ordinal)))))[..16];

    /// <summary>"downstream: 12 models, 3 dashboards": exposures of any type count as dashboards, as people say it.</summary>
    public string Summary => $"{Count(DownstreamModels.Count, "model")}, {Count(DownstreamExposures.Count, "dashboard")}";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    public static string FlagWord(ImpactFlags flag) => flag switch
    {
        ImpactFlags.Revenue => "revenue",
        ImpactFlags.CustomerFacing => "customer-facing",
        ImpactFlags.Regulatory => "regulatory",
        ImpactFlags.Security => "security",
        _ => flag.ToString().ToLowerInvariant(),
    };

    private static string KindWord(CatalogAsset a) => a.Kind switch
    {
        AssetKind.Exposure => a.ExposureType is { Length: > 0 } type ? type.ToLowerInvariant() : "exposure",
        AssetKind.Source => "source",
        AssetKind.Seed => "seed",
        AssetKind.Snapshot => "snapshot",
        _ => "model",
    };
}
