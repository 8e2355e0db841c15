using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// dbt Cloud's job webhooks. A failed run and the next successful run of the same job are one check:
/// <list type="bullet">
/// <item>Fingerprint: <c>dbt-cloud:&lt;accountId&gt;:&lt;jobId&gt;</c>; <c>eventId</c> is the delivery id
/// (dbt Cloud retries a delivery up to five times).</item>
/// <item>Status: <c>job.run.errored</c> firing; <c>job.run.completed</c> with <c>runStatus</c>
/// <c>Errored</c> (or <c>runStatusCode</c> 20) firing, <c>Success</c> (10) resolved, <c>Cancelled</c> (30)
/// nothing; <c>job.run.started</c> and event types this version does not know: nothing (zero signals,
/// not an error, so dbt Cloud does not retry them).</item>
/// <item>Severity null (the configured default): the payload says nothing about how much a job matters.</item>
/// <item>Category: <see cref="Category.PipelineFailure"/> (both for the failure and for the run that passes again).</item>
/// <item>Assets: none; the payload names no models.</item>
/// </list>
/// </summary>
internal static class DbtCloudPayload
{
    public const string Source = "dbt-cloud";

    private const string Tool = "dbt Cloud";

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The dbt Cloud payload is not a JSON object: send dbt Cloud's webhook body.";
            return false;
        }
        var eventType = AlertJson.String(root, "eventType")?.Trim();
        if (string.IsNullOrEmpty(eventType))
        {
            error = "The dbt Cloud payload has no eventType: send dbt Cloud's webhook body (job.run.completed or job.run.errored).";
            return false;
        }
        var data = AlertJson.Object(root, "data");
        var accountId = AlertJson.FirstString(root, "accountId", "account_id");
        var jobId = AlertJson.FirstString(data, "jobId", "job_id");
        if (data is null || accountId is null || jobId is null)
        {
            error = "The dbt Cloud payload has no accountId or data.jobId, so the job cannot be told apart: send dbt Cloud's webhook body.";
            return false;
        }
        var deliveryId = AlertText.Cut(AlertText.OneLine(AlertJson.String(root, "eventId")), AlertText.MaxFingerprintLength);

        var runStatus = AlertJson.String(data, "runStatus")?.Trim();
        var runStatusCode = AlertJson.Int64(data, "runStatusCode");
        AlertStatus? status = eventType.ToLowerInvariant() switch
        {
            "job.run.errored" => AlertStatus.Firing,
            "job.run.completed" => CompletedStatus(runStatus, runStatusCode),
            _ => null,
        };
        if (status is null)
        {
            delivery = new AlertDelivery([], deliveryId);
            error = null;
            return true;
        }

        var jobName = AlertText.OneLine(AlertJson.String(data, "jobName"));
        var runId = AlertText.OneLine(AlertJson.String(data, "runId"));
        var job = jobName is null ? $"dbt Cloud job {jobId}" : $"dbt Cloud job \"{jobName}\"";
        var outcome = status == AlertStatus.Firing ? "errored" : "succeeded";
        var message = AlertJson.String(data, "runStatusMessage");
        var signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = AlertText.Fingerprint(Source, accountId, jobId),
            Status = status.Value,
            Title = AlertText.Title(runId is null ? $"{job} {outcome}" : $"{job} {outcome} (run {runId})")!,
            Severity = null,
            Category = Category.PipelineFailure,
            ObservedAt = status == AlertStatus.Firing
                ? AlertJson.Time(data, "runErroredAt") ?? AlertJson.Time(data, "runFinishedAt") ?? AlertJson.Time(root, "timestamp")
                : AlertJson.Time(data, "runFinishedAt") ?? AlertJson.Time(root, "timestamp"),
            Url = AlertText.Url(AlertJson.FirstString(data, "runUrl", "run_url", "href")),
            Details = string.Equals(message?.Trim(), "None", StringComparison.OrdinalIgnoreCase) ? null : AlertText.Details(message),
            DetectedBy = Tool,
            Run = status == AlertStatus.Resolved ? SuccessfulRun(accountId, jobId, runId, data) : null,
            JobName = job,
        };
        delivery = new AlertDelivery([signal], deliveryId);
        error = null;
        return true;
    }

    /// <summary>A successful run's facts for the phantom-success rules: its duration from <c>runStartedAt</c> to <c>runFinishedAt</c>.</summary>
    private static Domain.Watches.DbtRun? SuccessfulRun(string accountId, string jobId, string? runId, JsonElement? data)
    {
        var started = AlertJson.Time(data, "runStartedAt");
        var finished = AlertJson.Time(data, "runFinishedAt");
        return runId is null || finished is not { } end
            ? null
            : new Domain.Watches.DbtRun(AlertText.Fingerprint(Source, accountId, jobId), runId, end, started is { } start && start <= end ? end - start : null);
    }

    // 10 Success, 20 Error, 30 Cancelled in dbt Cloud's run status codes; the text wins when both are sent.
    private static AlertStatus? CompletedStatus(string? runStatus, long? runStatusCode) => runStatus?.ToLowerInvariant() switch
    {
        "success" or "succeeded" => AlertStatus.Resolved,
        "errored" or "error" or "failed" => AlertStatus.Firing,
        "cancelled" or "canceled" => null,
        _ => runStatusCode switch
        {
            10 => AlertStatus.Resolved,
            20 => AlertStatus.Firing,
            _ => null,
        },
    };
}
