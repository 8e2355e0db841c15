using System.Collections.Frozen;

namespace IncidentBot.Domain.Catalog;

/// <summary>
/// The distilled dbt graph with its name index: resolves the names people and tools use for a table
/// or dashboard, and walks downstream. Immutable: a new manifest makes a new catalog.
/// </summary>
public sealed class DataCatalog
{
    private readonly FrozenDictionary<string, int> _byUniqueId;
    private readonly FrozenDictionary<string, int[]> _byQualifiedName;
    private readonly FrozenDictionary<string, int[]> _byBareName;

    public DataCatalog(IReadOnlyList<CatalogAsset> assets)
    {
        Assets = assets;
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var qualified = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var bare = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < assets.Count; i++)
        {
            var a = assets[i];
            ids.TryAdd(a.UniqueId, i);
            Add(qualified, a.Relation, i);
            if (a.Schema is { Length: > 0 } schema)
            {
                Add(qualified, $"{schema}.{a.Alias ?? a.Name}", i);
            }
            if (a.SourceName is { Length: > 0 } source)
            {
                Add(qualified, $"{source}.{a.Name}", i);
            }
            if (a.Kind != AssetKind.Other)
            {
                Add(bare, a.Name, i);
                Add(bare, a.Alias, i);
                Add(bare, a.Label, i);
            }
        }
        _byUniqueId = ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _byQualifiedName = qualified.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        _byBareName = bare.ToFrozenDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        Models = assets.Count(a => a.Kind == AssetKind.Model);
        Sources = assets.Count(a => a.Kind == AssetKind.Source);
        Exposures = assets.Count(a => a.Kind == AssetKind.Exposure);
    }

    public static DataCatalog Empty { get; } = new([]);

    public IReadOnlyList<CatalogAsset> Assets { get; }
    public int Models { get; }
    public int Sources { get; }
    public int Exposures { get; }
    public bool IsEmpty => Assets.Count == 0;

    /// <summary>
    /// The asset a name means, or null: a <c>unique_id</c>; else a relation name, <c>schema.alias</c> or
    /// <c>source_name.name</c> naming one asset; else a bare name (model, alias, exposure name or label)
    /// naming one asset. Case-insensitive; quotes and backticks around parts are ignored.
    /// </summary>
    public int? Find(string name)
    {
        var key = Normalize(name);
        if (key.Length == 0)
        {
            return null;
        }
        if (_byUniqueId.TryGetValue(key, out var index))
        {
            return index;
        }
        if (_byQualifiedName.TryGetValue(key, out var found) && found.Length == 1)
        {
            return found[0];
        }
        return _byBareName.TryGetValue(key, out found) && found.Length == 1 ? found[0] : null;
    }

    public CatalogAsset? Resolve(string name) => Find(name) is { } i ? Assets[i] : null;

    /// <summary>Everything downstream of <paramref name="starts"/>, nearest first, the starts left out. Cycles in a broken manifest end the walk, never loop it.</summary>
    public IReadOnlyList<int> Downstream(IEnumerable<int> starts)
    {
        var seen = new bool[Assets.Count];
        var queue = new Queue<int>();
        var begin = new List<int>();
        foreach (var s in starts)
        {
            if (s >= 0 && s < seen.Length && !seen[s])
            {
                seen[s] = true;
                queue.Enqueue(s);
                begin.Add(s);
            }
        }
        var result = new List<int>();
        while (queue.TryDequeue(out var current))
        {
            foreach (var child in Assets[current].Children)
            {
                if (child >= 0 && child < seen.Length && !seen[child])
                {
                    seen[child] = true;
                    result.Add(child);
                    queue.Enqueue(child);
                }
            }
        }
        return result;
    }

    /// <summary>Names that start with (or contain) <paramref name="text"/>, best first, for pickers and search.</summary>
    public IReadOnlyList<CatalogAsset> Search(string text, int limit)
    {
        var query = Normalize(text);
        if (query.Length == 0)
        {
            return Assets.Where(a => a.Kind != AssetKind.Other).Take(limit).ToList();
        }
        return Assets
            .Where(a => a.Kind != AssetKind.Other)
            .Select(a => (Asset: a, Rank: Rank(a, query)))
            .Where(x => x.Rank < 3)
            .OrderBy(x => x.Rank).ThenBy(x => x.Asset.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Take(limit)
            .Select(x => x.Asset)
            .ToList();
    }

    private static int Rank(CatalogAsset a, string query)
    {
        string?[] names = [a.Name, a.Label, a.Alias, a.Relation, a.UniqueId];
        if (names.Any(n => string.Equals(n, query, StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }
        if (names.Any(n => n is not null && n.StartsWith(query, StringComparison.OrdinalIgnoreCase)))
        {
            return 1;
        }
        return names.Any(n => n is not null && n.Contains(query, StringComparison.OrdinalIgnoreCase)) ? 2 : 3;
    }

    /// <summary>A name as typed or sent by a tool, without surrounding space and quoting (<c>"analytics"."prod"."orders"</c> is <c>analytics.prod.orders</c>).</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var trimmed = name.Trim();
        return trimmed.IndexOfAny(['"', '`', '[', ']']) < 0
            ? trimmed
            : trimmed.Replace("\"", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal)
                .Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
    }

    private static void Add(Dictionary<string, List<int>> index, string? name, int i)
    {
        var key = Normalize(name);
        if (key.Length == 0)
        {
            return;
        }
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(i);
    }
}
