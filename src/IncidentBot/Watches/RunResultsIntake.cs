using System.Text;
using System.Text.Json;
using IncidentBot.Alerts;
using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using IncidentBot.Queues;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary>
/// <c>POST /dbt/run-results?job=&lt;name&gt;</c>: a <c>run_results.json</c> after a run (dbt Core in CI,
/// Airflow, a cron). Verified with the integration token like <c>/alerts</c>, read, stored in the
/// inbox's alert lane as a passing signal for <c>run-results:&lt;job&gt;</c> that carries the run (its
/// <c>invocation_id</c>, <c>elapsed_time</c> and the models it built), answered 202; the phantom-success
/// rules judge it when it is applied. The same invocation sent twice is stored once.
/// </summary>
public sealed class RunResultsIntake(IInbox inbox, InboxSignal signal, TimeProvider time, IOptions<AlertsOptions> alerts, IOptions<SlackOptions> slack, ILogger<RunResultsIntake> logger)
{
    public const string Source = "dbt-run-results";

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        var request = context.Request;
        var settings = alerts.Value;
        if (!settings.HasToken)
        {
            return Results.Text("run_results.json uploads are not set up: set Alerts:Token to a long random value and send it as a Bearer token or ?token=.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!AlertIntake.TokenMatches(request, settings.Token!))
        {
            logger.LogWarning("Refused a run_results.json: missing or wrong token");
            return Results.Text("Missing or wrong token: send Authorization: Bearer <Alerts:Token>, or ?token=<Alerts:Token>.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var job = request.Query["job"].ToString().Trim();
        if (!WatchesOptions.NamePattern().IsMatch(job))
        {
            return Results.Text("Name the job: ?job=<name> (letters, digits, '_', '.' or '-'), the same name for every run of that job.", statusCode: StatusCodes.Status400BadRequest);
        }
        var limit = slack.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        byte[]? body;
        try
        {
            body = await Http.BoundedBody.ReadAsync(request.Body, limit, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            return Results.Text("The request body did not arrive in full.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (body is null)
        {
            return TooLarge(limit);
        }
        if (!TryRead(job, Encoding.UTF8.GetString(body), out var run, out var error))
        {
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }
        if (run is null)
        {
            return Results.Json(new { accepted = 0, note = "The run did not succeed (a model errored): not kept for the phantom-success rules." }, statusCode: StatusCodes.Status202Accepted);
        }
        var stored = new StoredAlerts(Source, [new AlertSignal
        {
            Source = Source,
            Fingerprint = run.Job,
            Status = AlertStatus.Resolved,
            Title = $"dbt job {job} succeeded (invocation {run.RunId})",
            ObservedAt = run.FinishedAt,
            DetectedBy = "dbt run_results.json",
            Run = run,
            JobName = $"job {job}",
        }]);
        var now = time.GetUtcNow();
        var admitted = await inbox.AdmitAsync(new InboxItem($"{run.Job}:{run.RunId}", InboxKind.Alert, stored.ToJson(), AlertIntake.Lane, now), context.RequestAborted);
        if (admitted)
        {
            signal.Notify();
        }
        return Results.Json(new { accepted = 1, models = run.Models?.Count ?? 0, duplicate = !admitted }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Reads a run_results.json: false with a reason when it is not one; true with a null run when the
    /// run did not succeed (a model errored or was skipped for an upstream error).
    /// </summary>
    public static bool TryRead(string job, string json, out DbtRun? run, out string error)
    {
        run = null;
        error = "";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            error = "The body is not JSON: send dbt's target/run_results.json as it is.";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            {
                error = "This is not a run_results.json (no metadata and results[]): send dbt's target/run_results.json as it is.";
                return false;
            }
            var invocation = AlertJson.String(metadata, "invocation_id");
            var finished = AlertJson.Time(metadata, "generated_at");
            if (string.IsNullOrWhiteSpace(invocation) || finished is null)
            {
                error = "The run_results.json has no metadata.invocation_id or metadata.generated_at, so the run cannot be told apart: send the file dbt wrote.";
                return false;
            }
            var models = new List<string>();
            foreach (var result in results.EnumerateArray())
            {
                var id = AlertJson.String(result, "unique_id");
                var status = AlertJson.String(result, "status")?.ToLowerInvariant();
                if (id is null || !id.StartsWith("model.", StringComparison.Ordinal))
                {
                    continue;
                }
                if (status is "error" or "runtime error")
                {
                    return true;
                }
                if (status == "success")
                {
                    models.Add(id);
                }
            }
            var elapsed = root.TryGetProperty("elapsed_time", out var e) && e.ValueKind == JsonValueKind.Number && e.GetDouble() >= 0 ? TimeSpan.FromSeconds(e.GetDouble()) : (TimeSpan?)null;
            run = new DbtRun($"run-results:{job}", AlertText.Cut(invocation.Trim(), 200)!, finished.Value, elapsed, models);
            return true;
        }
    }

    private static IResult TooLarge(int limit) =>
        Results.Text($"The body is larger than {limit} bytes (Slack:MaxRequestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
