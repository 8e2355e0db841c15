using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>dbt's deliveries: dbt Cloud's <c>job.run.completed</c> webhook, and a <c>run_results.json</c> for <c>POST /dbt/run-results</c>.</summary>
public static class DbtRequests
{
    /// <summary>A successful run of dbt Cloud job 42 in account 1 that took <paramref name="took"/> and finished at <paramref name="finished"/>.</summary>
    public static string CompletedRun(int runId, TimeSpan took, DateTimeOffset finished) => JsonSerializer.Serialize(new
    {
        accountId = 1,
        eventId = $"wev_{runId}",
        timestamp = Iso(finished),
        eventType = "job.run.completed",
        data = new
        {
            jobId = "42",
            jobName = "daily_revenue",
            runId = runId.ToString(CultureInfo.InvariantCulture),
            runStatus = "Success",
            runStatusCode = 10,
            runStatusMessage = "None",
            runStartedAt = Iso(finished - took),
            runFinishedAt = Iso(finished),
        },
    });

    /// <summary>A run_results.json of invocation <paramref name="invocation"/> that built <paramref name="models"/> (and ran a test).</summary>
    public static string RunResults(string invocation, IEnumerable<string> models, DateTimeOffset generated, double elapsed = 120) => JsonSerializer.Serialize(new
    {
        metadata = new { dbt_schema_version = "https://schemas.getdbt.com/dbt/run-results/v6.json", dbt_version = "1.9.1", generated_at = Iso(generated), invocation_id = invocation },
        results = models.Select(m => new { unique_id = m, status = "success", execution_time = 1.5, message = "OK" })
            .Append(new { unique_id = "test.shop.not_null_orders_id", status = "pass", execution_time = 0.2, message = "" }),
        elapsed_time = elapsed,
        args = new { which = "build" },
    });

    public static HttpRequestMessage PostRunResults(string json, string? job = "nightly", string? token = BotSettings.AlertsToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/dbt/run-results" + (job is null ? "" : $"?job={Uri.EscapeDataString(job)}"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
