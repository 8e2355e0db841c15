using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Domain.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>An alert tool's delivery: <c>POST /alerts/{source}</c> with the integration token (or dbt Cloud's signature).</summary>
public static class AlertRequests
{
    public static HttpRequestMessage Post(string source, string json, string? token = BotSettings.AlertsToken, bool inQuery = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/alerts/{source}" + (inQuery && token is not null ? $"?token={Uri.EscapeDataString(token)}" : ""))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (source == "dbt-cloud")
        {
            request.Headers.TryAddWithoutValidation("Authorization", Sign(json, token ?? BotSettings.DbtCloudSecret));
        }
        else if (token is not null && !inQuery)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    /// <summary>dbt Cloud's signature: hex HMAC-SHA256 of the body with the webhook's secret.</summary>
    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A generic alert: <c>{"fingerprint", "status", "title", "assets", ...}</c>.</summary>
    public static string Generic(string fingerprint, string title, string status = "firing", string[]? assets = null, string? severity = null, string? dataWrongSince = null) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["fingerprint"] = fingerprint,
            ["status"] = status,
            ["title"] = title,
            ["assets"] = assets ?? [],
            ["severity"] = severity,
            ["data_wrong_since"] = dataWrongSince,
            ["source"] = "airflow",
        });

    /// <summary>Waits until the bot has applied every stored request (alerts included).</summary>
    public static async Task WaitUntilAppliedAsync(IServiceProvider services, TimeSpan? timeout = null)
    {
        var inbox = services.GetRequiredService<IInbox>();
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (await inbox.HasPendingAsync(IncidentBot.Alerts.AlertIntake.Lane, DateTimeOffset.MaxValue) || await inbox.HasPendingAsync(null, DateTimeOffset.MaxValue))
        {
            Assert.True(DateTime.UtcNow < until, "The stored alerts were not applied in time.");
            await Task.Delay(50);
        }
    }
}
