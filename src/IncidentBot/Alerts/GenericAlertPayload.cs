using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// The bot's own format, for tools without a parser (Airflow callbacks, cron scripts): one object, or a
/// list of them.
/// <code>
/// {"fingerprint": "airflow:load_orders", "status": "firing", "title": "load_orders failed",
///  "severity": "P1", "category": "PipelineFailure", "assets": ["analytics.raw.orders"],
///  "detected_at": "2026-03-01T06:00:00Z", "data_wrong_since": "2026-03-01T02:00:00Z",
///  "url": "https://airflow.example.com/dags/load_orders", "details": "Task load failed",
///  "source": "airflow"}
/// </code>
/// Required: <c>fingerprint</c>, <c>status</c> (firing or resolved, any case) and <c>title</c>. Optional:
/// <c>severity</c> P0-P3, <c>category</c> (one of the six, as <c>/incident</c> accepts them), <c>assets</c>
/// (strings, or one string); a value given for these that is not valid is refused, so a typo is not
/// silently dropped. <c>detected_at</c>/<c>data_wrong_since</c> that do not parse and a <c>url</c> that is
/// not http(s) are ignored. Fingerprint: <c>generic:</c> + <c>fingerprint</c>; detected by <c>source</c>
/// (default <c>generic</c>).
/// </summary>
internal static class GenericAlertPayload
{
    public const string Source = "generic";

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        var alerts = AlertJson.Items(root);
        var signals = new List<AlertSignal>();
        foreach (var alert in alerts)
        {
            if (signals.Count > AlertParsers.MaxSignals)
            {
                break;
            }
            var at = root.ValueKind == JsonValueKind.Array ? $" [{signals.Count}]" : "";
            if (!TryReadAlert(alert, out var signal, out var reason))
            {
                error = $"The generic alert{at} {reason}";
                return false;
            }
            signals.Add(signal);
        }
        if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) || (root.ValueKind == JsonValueKind.Array && signals.Count == 0))
        {
            error = "The generic payload is not an alert object (or a list of them): send {\"fingerprint\", \"status\", \"title\", ...}.";
            return false;
        }
        delivery = new AlertDelivery(signals);
        error = null;
        return true;
    }

    private static bool TryReadAlert(JsonElement alert, [NotNullWhen(true)] out AlertSignal? signal, [NotNullWhen(false)] out string? reason)
    {
        signal = null;
        if (alert.ValueKind != JsonValueKind.Object)
        {
            reason = "is not an object: send {\"fingerprint\", \"status\", \"title\", ...}.";
            return false;
        }
        var fingerprint = AlertJson.FirstString(alert, "fingerprint");
        if (fingerprint is null)
        {
            reason = "has no fingerprint: give the check a stable id (the same check firing again sends the same fingerprint).";
            return false;
        }
        var statusText = AlertJson.String(alert, "status")?.Trim();
        AlertStatus status;
        if (string.Equals(statusText, "firing", StringComparison.OrdinalIgnoreCase))
        {
            status = AlertStatus.Firing;
        }
        else if (string.Equals(statusText, "resolved", StringComparison.OrdinalIgnoreCase))
        {
            status = AlertStatus.Resolved;
        }
        else
        {
            reason = $"has status {AlertText.Quote(statusText)}: send \"firing\" or \"resolved\".";
            return false;
        }
        var title = AlertText.Title(AlertJson.String(alert, "title"));
        if (title is null)
        {
            reason = "has no title: say in one line what is wrong.";
            return false;
        }

        Severity? severity = null;
        if (AlertJson.At(alert, "severity") is not null)
        {
            if (!SeverityExtensions.TryParse(AlertJson.String(alert, "severity")?.Trim(), out var given))
            {
                reason = $"has severity {AlertText.Quote(AlertJson.String(alert, "severity"))}: send P0, P1, P2 or P3, or leave it out for the configured default.";
                return false;
            }
            severity = given;
        }
        Category? category = null;
        if (AlertJson.At(alert, "category") is not null)
        {
            if (!CategoryExtensions.TryParse(AlertJson.String(alert, "category"), out var given))
            {
                reason = $"has category {AlertText.Quote(AlertJson.String(alert, "category"))}: send one of {string.Join(", ", CategoryExtensions.All)}, or leave it out.";
                return false;
            }
            category = given;
        }
        List<string?> assets = [];
        if (AlertJson.At(alert, "assets") is { } assetsValue)
        {
            if (assetsValue.ValueKind == JsonValueKind.String)
            {
                assets.Add(AlertJson.String(assetsValue));
            }
            else if (assetsValue.ValueKind == JsonValueKind.Array && assetsValue.EnumerateArray().All(a => a.ValueKind == JsonValueKind.String))
            {
                assets.AddRange(assetsValue.EnumerateArray().Select(a => AlertJson.String(a)));
            }
            else
            {
                reason = "has assets that are not a list of strings: send e.g. [\"analytics.marts.fct_sales\"].";
                return false;
            }
        }

        signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = AlertText.Fingerprint(Source, fingerprint),
            Status = status,
            Title = title,
            Severity = severity,
            Category = category,
            Assets = AlertText.Assets(assets),
            ObservedAt = AlertJson.Time(alert, "detected_at"),
            DataWrongSince = AlertJson.Time(alert, "data_wrong_since"),
            Url = AlertText.Url(AlertJson.String(alert, "url")),
            Details = AlertText.Details(AlertJson.String(alert, "details")),
            DetectedBy = AlertText.Cut(AlertText.OneLine(AlertJson.String(alert, "source")), 80) ?? Source,
        };
        reason = null;
        return true;
    }
}
