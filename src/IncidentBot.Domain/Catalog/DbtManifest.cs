using System.Text.Json;

namespace IncidentBot.Domain.Catalog;

/// <summary>
/// Reads a dbt <c>manifest.json</c> (schema v10-v12; later versions are read on the same fields) into
/// the catalog's assets: models, seeds, snapshots, sources and exposures with their owners and impact
/// flags, and the lineage between them from <c>child_map</c> and <c>depends_on</c> with tests left out.
/// Metrics and semantic models are kept only as links in the lineage.
/// </summary>
public static class DbtManifest
{
    /// <summary>The assets, or null with the reason in <paramref name="error"/> when the document is not a dbt manifest.</summary>
    public static IReadOnlyList<CatalogAsset>? Read(Stream json, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            error = $"The file is not JSON ({e.Message}); send dbt's target/manifest.json.";
            return null;
        }
        using (document)
        {
            return Read(document.RootElement, out error);
        }
    }

    public static IReadOnlyList<CatalogAsset>? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || Text(metadata, "dbt_schema_version") is not { } schema || !schema.Contains("/manifest/", StringComparison.OrdinalIgnoreCase)
            || !root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Object)
        {
            error = "This is not a dbt manifest: expected an object with metadata.dbt_schema_version naming a manifest schema (…/manifest/v12.json) and nodes; send dbt's target/manifest.json.";
            return null;
        }

        var groupOwners = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in Values(root, "groups"))
        {
            if (Text(group, "name") is { } name)
            {
                groupOwners[name] = Owner(group, "owner");
            }
        }

        var assets = new List<CatalogAsset>();
        var parents = new List<IReadOnlyList<string>>();
        foreach (var node in nodes.EnumerateObject().Select(p => p.Value))
        {
            var kind = Text(node, "resource_type")?.ToLowerInvariant() switch
            {
                "model" => AssetKind.Model,
                "seed" => AssetKind.Seed,
                "snapshot" => AssetKind.Snapshot,
                "test" or "unit_test" or "operation" or "sql_operation" or "macro" or "doc" => (AssetKind?)null,
                _ => AssetKind.Other,
            };
            if (kind is { } k && Asset(node, k, groupOwners) is { } asset)
            {
                assets.Add(asset);
                parents.Add(DependsOn(node));
            }
        }
        foreach (var source in Values(root, "sources"))
        {
            if (Asset(source, AssetKind.Source, groupOwners) is { } asset)
            {
                assets.Add(asset with { Alias = Text(source, "identifier") ?? asset.Name, SourceName = Text(source, "source_name") });
                parents.Add([]);
            }
        }
        foreach (var exposure in Values(root, "exposures"))
        {
            if (Asset(exposure, AssetKind.Exposure, groupOwners) is { } asset)
            {
                var owners = Owner(exposure, "owner") is { Count: > 0 } own ? own : asset.Owners;
                assets.Add(asset with
                {
                    Label = Text(exposure, "label"),
                    ExposureType = Text(exposure, "type"),
                    Maturity = Text(exposure, "maturity"),
                    Url = Text(exposure, "url"),
                    Owners = owners,
                });
                parents.Add(DependsOn(exposure));
            }
        }
        foreach (var kind in (string[])["metrics", "semantic_models", "saved_queries"])
        {
            foreach (var other in Values(root, kind))
            {
                if (Asset(other, AssetKind.Other, groupOwners) is { } asset)
                {
                    assets.Add(asset);
                    parents.Add(DependsOn(other));
                }
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < assets.Count; i++)
        {
            index.TryAdd(assets[i].UniqueId, i);
        }
        var children = assets.Select(_ => new SortedSet<int>()).ToArray();
        if (root.TryGetProperty("child_map", out var childMap) && childMap.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in childMap.EnumerateObject())
            {
                if (index.TryGetValue(entry.Name, out var parent) && entry.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var child in entry.Value.EnumerateArray())
                    {
                        if (child.ValueKind == JsonValueKind.String && index.TryGetValue(child.GetString()!, out var c) && c != parent)
                        {
                            children[parent].Add(c);
                        }
                    }
                }
            }
        }
        for (var i = 0; i < assets.Count; i++)
        {
            foreach (var parentId in parents[i])
            {
                if (index.TryGetValue(parentId, out var parent) && parent != i)
                {
                    children[parent].Add(i);
                }
            }
        }
        return assets.Select((a, i) => a with { Children = children[i].ToArray() }).ToList();
    }

    private static CatalogAsset? Asset(JsonElement node, AssetKind kind, Dictionary<string, IReadOnlyList<string>> groupOwners)
    {
        if (node.ValueKind != JsonValueKind.Object || Text(node, "unique_id") is not { } id || Text(node, "name") is not { } name)
        {
            return null;
        }
        var owners = MetaOwners(node);
        if (owners.Count == 0 && (Text(node, "group") ?? Text(Child(node, "config"), "group")) is { } group && groupOwners.TryGetValue(group, out var fromGroup))
        {
            owners = fromGroup;
        }
        var relation = Text(node, "relation_name");
        return new CatalogAsset
        {
            UniqueId = id,
            Kind = kind,
            Name = name,
            Relation = relation is null ? null : DataCatalog.Normalize(relation),
            Schema = Text(node, "schema"),
            Alias = Text(node, "alias"),
            Owners = owners,
            Impact = Impacts(node),
        };
    }

    /// <summary><c>meta.owner</c>, then <c>config.meta.owner</c> (dbt 1.10 moved meta under config).</summary>
    private static IReadOnlyList<string> MetaOwners(JsonElement node) =>
        Owner(Child(node, "meta"), "owner") is { Count: > 0 } top ? top : Owner(Child(Child(node, "config"), "meta"), "owner");

    /// <summary>An owner as dbt projects write it: a string (comma-separated for several), a list, or <c>{name, email}</c> (the e-mail wins).</summary>
    private static IReadOnlyList<string> Owner(JsonElement holder, string property)
    {
        var value = Child(holder, property);
        var owners = new List<string>();
        Collect(value, owners);
        return owners.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        static void Collect(JsonElement value, List<string> owners)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    owners.AddRange(value.GetString()!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        Collect(item, owners);
                    }
                    break;
                case JsonValueKind.Object:
                    if ((Text(value, "email") ?? Text(value, "name")) is { } one)
                    {
                        owners.Add(one.Trim());
                    }
                    break;
            }
        }
    }

    /// <summary>Business impact from tags (<c>revenue</c>, <c>customer-facing</c>...) and meta (<c>impact: revenue</c>, <c>revenue: true</c>), top level and under config.</summary>
    private static ImpactFlags Impacts(JsonElement node)
    {
        var flags = ImpactFlags.None;
        foreach (var tags in (JsonElement[])[Child(node, "tags"), Child(Child(node, "config"), "tags")])
        {
            flags |= Words(tags);
        }
        foreach (var meta in (JsonElement[])[Child(node, "meta"), Child(Child(node, "config"), "meta")])
        {
            if (meta.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var property in meta.EnumerateObject())
            {
                var key = property.Name.ToLowerInvariant();
                if (key is "impact" or "business_impact" or "impacts")
                {
                    flags |= Words(property.Value);
                }
                else if (property.Value.ValueKind == JsonValueKind.True || (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is "true" or "yes"))
                {
                    flags |= Flag(key);
                }
            }
        }
        return flags;
    }

    private static ImpactFlags Words(JsonElement value)
    {
        var flags = ImpactFlags.None;
        if (value.ValueKind == JsonValueKind.String)
        {
            foreach (var word in value.GetString()!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            {
                flags |= Flag(word);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                flags |= Words(item);
            }
        }
        return flags;
    }

    /// <summary>The impact a word names (<c>revenue</c>, <c>customer-facing</c>/<c>customer_facing</c>, <c>regulatory</c>, <c>security</c>), else none.</summary>
    public static ImpactFlags Flag(string word) =>
        word.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) switch
        {
            "revenue" => ImpactFlags.Revenue,
            "customerfacing" => ImpactFlags.CustomerFacing,
            "regulatory" => ImpactFlags.Regulatory,
            "security" => ImpactFlags.Security,
            _ => ImpactFlags.None,
        };

    private static IReadOnlyList<string> DependsOn(JsonElement node)
    {
        var nodes = Child(Child(node, "depends_on"), "nodes");
        return nodes.ValueKind == JsonValueKind.Array
            ? nodes.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).ToList()
            : [];
    }

    private static IEnumerable<JsonElement> Values(JsonElement root, string property) =>
        root.TryGetProperty(property, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Select(p => p.Value)
            : [];

    private static JsonElement Child(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value : default;

    private static string? Text(JsonElement element, string property) =>
        Child(element, property) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text ? text : null;
}
