using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>Manifests for the catalog and the requests that upload them.</summary>
public static class CatalogRequests
{
    /// <summary>The shop manifest (v12): raw.orders -> stg_orders -> orders, customers -> revenue_daily -> Revenue Dashboard (high, revenue); orders -> Ops Board.</summary>
    public static string Shop => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "manifest_v12.json"));

    public static string Legacy => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "manifest_v10.json"));

    public static HttpRequestMessage Upload(string json, string? token = BotSettings.AlertsToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/catalog/dbt-manifest") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    public static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient client, string json, string? token = BotSettings.AlertsToken) =>
        await AlertRequests.SendAsync(client, Upload(json, token));
}
