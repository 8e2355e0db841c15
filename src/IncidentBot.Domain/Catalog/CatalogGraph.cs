using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentBot.Domain.Catalog;

/// <summary>The stored form of the catalog's assets (JSON) and its content hash, which says whether a new manifest changes anything.</summary>
public static class CatalogGraph
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToJson(IReadOnlyList<CatalogAsset> assets) => JsonSerializer.Serialize(assets, Json);

    public static DataCatalog FromJson(string json) => new(JsonSerializer.Deserialize<List<CatalogAsset>>(json, Json) ?? []);

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
