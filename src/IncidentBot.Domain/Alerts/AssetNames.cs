namespace IncidentBot.Domain.Alerts;

/// <summary>
/// How the bot tells that two tools name the same table. Alert tools spell one table differently:
/// Alertmanager <c>analytics.marts.fct_sales</c>, Elementary <c>model.analytics.fct_sales</c>, Soda
/// <c>fct_sales</c>. Two names are the same asset when their last dotted parts are equal ignoring
/// case (<c>fct_sales</c>, <c>analytics.marts.fct_sales</c> and <c>model.analytics.fct_sales</c> are
/// one). The catalog (issue 13) will resolve names exactly; until then two schemas' same-named
/// tables count as one asset, which groups too much rather than too little.
/// </summary>
public static class AssetNames
{
    /// <summary>
    /// Same asset: when <paramref name="catalog"/> knows both names, exactly when they resolve to one
    /// catalog asset (<c>model.shop.orders</c> and <c>analytics.prod.orders</c>); otherwise by the loose
    /// rule above, for names the catalog does not know.
    /// </summary>
    public static bool Same(string a, string b, Catalog.DataCatalog? catalog)
    {
        if (catalog is { IsEmpty: false } && catalog.Find(a) is { } x && catalog.Find(b) is { } y)
        {
            return x == y;
        }
        return Same(a, b);
    }

    public static bool Same(string a, string b)
    {
        a = a.Trim();
        b = b.Trim();
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }
        return string.Equals(Last(a), Last(b), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The assets in an incident's "affected" text: comma, semicolon or newline separated.</summary>
    public static IReadOnlyList<string> Split(string? affected) =>
        string.IsNullOrWhiteSpace(affected)
            ? []
            : affected.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><paramref name="affected"/> with <paramref name="added"/> that it does not name yet appended, comma-separated.</summary>
    public static string? Merge(string? affected, IEnumerable<string> added, Catalog.DataCatalog? catalog = null)
    {
        var names = Split(affected).ToList();
        foreach (var name in added.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (!names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) || (catalog is { IsEmpty: false } && catalog.Find(n) is { } i && i == catalog.Find(name))))
            {
                names.Add(name);
            }
        }
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string Last(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
