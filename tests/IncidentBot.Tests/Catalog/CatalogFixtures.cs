using System.Text;
using IncidentBot.Domain.Catalog;

namespace IncidentBot.Tests.Catalog;

internal static class CatalogFixtures
{
    public static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "Fixtures", file));

    public static IReadOnlyList<CatalogAsset> Read(string json)
    {
        var assets = DbtManifest.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), out var error);
        Assert.True(assets is not null, error);
        return assets!;
    }

    public static DataCatalog Shop() => new(Read(Text("manifest_v12.json")));

    /// <summary>A catalog of the given edges (parent -> children by name), all models.</summary>
    public static DataCatalog Graph(params (string Parent, string Child)[] edges)
    {
        var names = edges.SelectMany(e => new[] { e.Parent, e.Child }).Distinct().ToList();
        return new DataCatalog(names.Select(n => new CatalogAsset
        {
            UniqueId = $"model.g.{n}",
            Name = n,
            Kind = AssetKind.Model,
            Children = edges.Where(e => e.Parent == n).Select(e => names.IndexOf(e.Child)).ToArray(),
        }).ToList());
    }
}
