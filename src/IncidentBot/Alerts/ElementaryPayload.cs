using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// Elementary's alert data (what <c>edr monitor</c> renders for Slack or Teams: a test, model or
/// source-freshness alert), posted by a relay or a script; one object, or a list of them. The rows of the
/// <c>alerts_*</c> views of Elementary's dbt package are read too: they spell some fields
/// differently (<c>unique_id</c>, <c>alert_type</c>, <c>sub_type</c>, <c>alert_description</c>).
/// <list type="bullet">
/// <item>Fingerprint: <c>elementary:</c> + <c>alert_class_id</c>, else <c>test_unique_id</c>, else
/// <c>model_unique_id</c> (or <c>unique_id</c>), else <c>source_name.identifier</c> (the rows of
/// Elementary's alert views carry no <c>alert_class_id</c>).</item>
/// <item>Status: <c>fail</c>, <c>error</c>, <c>warn</c>, <c>runtime error</c> firing; <c>pass</c>,
/// <c>success</c> resolved; <c>skipped</c> nothing; no status firing (Elementary only alerts on failures).</item>
/// <item>Severity: <c>severity</c> P0-P3 as is, <c>ERROR</c> P2, <c>WARN</c> P3; else null (the configured default).</item>
/// <item>Category: source freshness <see cref="Category.StaleData"/>; a model or snapshot that failed to build
/// <see cref="Category.PipelineFailure"/>; a test by its type, sub type and name (<see cref="CheckKind"/>):
/// schema changes <see cref="Category.SchemaBreak"/>, freshness <see cref="Category.StaleData"/>,
/// volume/row count <see cref="Category.DataLoss"/>, else <see cref="Category.DataQuality"/>.</item>
/// <item>Assets: <c>model_unique_id</c>, then <c>database.schema.table</c> when all three are sent (a
/// freshness alert's table is its <c>identifier</c>), else <c>source_name.identifier</c> for a freshness alert.</item>
/// </list>
/// </summary>
internal static class ElementaryPayload
{
    public const string Source = "elementary";

    private const string Tool = "Elementary";

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        var alerts = AlertJson.Items(root);
        var signals = new List<AlertSignal>();
        var index = 0;
        foreach (var alert in alerts)
        {
            if (signals.Count > AlertParsers.MaxSignals)
            {
                break;
            }
            if (!TryReadAlert(alert, root.ValueKind == JsonValueKind.Array ? $"[{index}]" : "", out var signal, out error))
            {
                return false;
            }
            if (signal is not null)
            {
                signals.Add(signal);
            }
            index++;
        }
        if (index == 0)
        {
            error = "The Elementary payload is not an alert object (or a list of them): post the alert's fields (alert_class_id, test_unique_id or model_unique_id, status, ...).";
            return false;
        }
        delivery = new AlertDelivery(signals);
        error = null;
        return true;
    }

    private static bool TryReadAlert(JsonElement alert, string at, out AlertSignal? signal, [NotNullWhen(false)] out string? error)
    {
        signal = null;
        error = null;
        if (alert.ValueKind != JsonValueKind.Object)
        {
            error = $"The Elementary alert{at} is not an object: post the alert's fields as a JSON object.";
            return false;
        }
        var sourceName = AlertJson.FirstString(alert, "source_name");
        var identifier = AlertJson.FirstString(alert, "identifier");
        var testUniqueId = AlertJson.FirstString(alert, "test_unique_id");
        // The alert views of Elementary's dbt package name a model's or source's id unique_id.
        var modelUniqueId = AlertJson.FirstString(alert, "model_unique_id", "unique_id");
        var sourceId = sourceName is not null && identifier is not null ? $"{sourceName}.{identifier}" : null;
        var id = AlertJson.FirstString(alert, "alert_class_id") ?? testUniqueId ?? modelUniqueId ?? sourceId;
        if (id is null)
        {
            error = $"The Elementary alert{at} has no alert_class_id, test_unique_id, model_unique_id, unique_id or source_name and identifier, so the check cannot be told apart.";
            return false;
        }

        var statusText = (AlertJson.FirstString(alert, "status") ?? AlertJson.FirstString(alert, "original_status"))?.ToLowerInvariant();
        AlertStatus status;
        switch (statusText)
        {
            case null or "fail" or "failed" or "failure" or "error" or "errored" or "warn" or "warning" or "runtime error" or "runtime_error":
                status = AlertStatus.Firing;
                break;
            case "pass" or "passed" or "success":
                status = AlertStatus.Resolved;
                break;
            case "skipped" or "skip":
                return true;
            default:
                error = $"The Elementary alert{at} has status {AlertText.Quote(statusText)}: expected fail, error, warn, runtime error, pass or success.";
                return false;
        }

        var testType = AlertJson.FirstString(alert, "test_type", "alert_type");
        var kind = testUniqueId is not null || testType is not null || AlertJson.FirstString(alert, "test_name") is not null ? Kind.Test
            : sourceName is not null || AlertJson.At(alert, "max_loaded_at") is not null || AlertJson.At(alert, "freshness_description") is not null ? Kind.Freshness
            : Kind.Model;
        var table = kind == Kind.Freshness ? identifier : AlertJson.FirstString(alert, "table_name", "alias");
        var database = AlertJson.FirstString(alert, "database_name");
        var schema = AlertJson.FirstString(alert, "schema_name");
        var fullTable = database is not null && schema is not null && table is not null ? $"{database}.{schema}.{table}" : null;

        signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = AlertText.Fingerprint(Source, id),
            Status = status,
            Title = AlertText.Title(TitleOf(alert, kind, status, statusText, table, modelUniqueId, sourceId ?? identifier))!,
            Severity = SeverityOf(AlertJson.FirstString(alert, "severity")),
            Category = kind switch
            {
                Kind.Freshness => Category.StaleData,
                Kind.Model => Category.PipelineFailure,
                _ => CheckKind.OfCheck(testType, AlertJson.FirstString(alert, "test_sub_type", "sub_type"), AlertJson.String(alert, "test_name"), AlertJson.String(alert, "test_short_name")),
            },
            Assets = AlertText.Assets([modelUniqueId, fullTable ?? (kind == Kind.Freshness ? sourceId : null)]),
            ObservedAt = AlertJson.Time(alert, "detected_at"),
            DataWrongSince = kind == Kind.Freshness ? AlertJson.Time(alert, "max_loaded_at") : null,
            Url = null,
            Details = AlertText.Details(AlertJson.FirstString(alert, "test_results_description", "alert_description", "message", "error", "freshness_description")),
            DetectedBy = Tool,
        };
        return true;
    }

    /// <summary>ERROR P2, WARN P3 (dbt's test severities); an explicit P0-P3 as is; else null.</summary>
    internal static Severity? SeverityOf(string? severity)
    {
        if (SeverityExtensions.TryParse(severity, out var given))
        {
            return given;
        }
        return severity?.ToUpperInvariant() switch
        {
            "ERROR" => Severity.P2,
            "WARN" or "WARNING" => Severity.P3,
            _ => null,
        };
    }

    private static string TitleOf(JsonElement alert, Kind kind, AlertStatus status, string? statusText, string? table, string? modelUniqueId, string? source)
    {
        var verb = status == AlertStatus.Resolved ? "passed"
            : statusText switch
            {
                "warn" or "warning" => "warned",
                "error" or "errored" or "runtime error" or "runtime_error" => "errored",
                _ => "failed",
            };
        var model = table ?? LastPart(modelUniqueId);
        switch (kind)
        {
            case Kind.Test:
                var test = AlertJson.FirstString(alert, "test_short_name", "test_name") ?? TestPart(AlertJson.FirstString(alert, "test_unique_id")) ?? "test";
                var column = AlertJson.FirstString(alert, "column_name");
                var on = model is null ? "" : column is null ? $" on {model}" : $" on {model}.{column}";
                return $"{test} {verb}{on}";
            case Kind.Freshness:
                if (status == AlertStatus.Resolved)
                {
                    return $"Source freshness passed on {source ?? model ?? "a source"}";
                }
                return statusText is "runtime error" or "runtime_error"
                    ? $"Failed to calculate the source freshness of {source ?? model ?? "a source"}"
                    : $"Source freshness exceeded on {source ?? model ?? "a source"}";
            default:
                var materialization = AlertJson.FirstString(alert, "materialization");
                var what = string.Equals(materialization, "snapshot", StringComparison.OrdinalIgnoreCase) ? "Snapshot" : "Model";
                var message = AlertText.OneLine(AlertJson.FirstString(alert, "message"));
                var headline = $"{what} {model ?? "(unnamed)"} {verb}";
                return status == AlertStatus.Firing && message is not null ? $"{headline}: {message}" : headline;
        }
    }

    // test.<package>.<test name>.<hash>
    private static string? TestPart(string? uniqueId) => uniqueId?.Split('.', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 3 } parts ? parts[2] : uniqueId;

    private static string? LastPart(string? uniqueId) => uniqueId?.Split('.', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : uniqueId;

    private enum Kind
    {
        Test,
        Model,
        Freshness,
    }
}
