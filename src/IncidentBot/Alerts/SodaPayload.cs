using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// Soda Cloud's webhook events. <c>checkEvaluation</c>: one signal per <c>checkResults[]</c> entry.
/// <c>incidentUpdated</c> with <c>incident.status</c> resolved: a resolved signal per check of the
/// incident that can be identified (none when none can). Every other event (<c>validate</c>,
/// <c>incidentCreated</c>, other incident updates, contracts): zero signals; the checks themselves
/// arrive as <c>checkEvaluation</c>.
/// <list type="bullet">
/// <item>Fingerprint: <c>soda:&lt;data source&gt;:&lt;dataset&gt;:&lt;check name&gt;</c> from the first dataset;
/// without a <c>name</c> the check is named by the last line of its <c>definition</c>.</item>
/// <item>Status: <c>outcome</c> fail, warn and error firing; pass resolved.</item>
/// <item>Severity: a check attribute <c>incident_severity</c> P0-P3 as is; else fail P2, warn P3; error
/// (the check could not be evaluated) and pass null.</item>
/// <item>Category: from the check's name (or definition) (<see cref="CheckKind"/>): freshness
/// <see cref="Category.StaleData"/>, schema <see cref="Category.SchemaBreak"/>, row count or volume
/// <see cref="Category.DataLoss"/>, else <see cref="Category.DataQuality"/>.</item>
/// <item>Assets: each dataset's <c>name</c>, as Soda names it. Not <c>datasource.name + "." + name</c>:
/// Soda's data source name is the name of its connection, not part of the table's name in the
/// warehouse, so that form would never match the names other tools send, and grouping by asset would
/// split one table's alerts.</item>
/// </list>
/// </summary>
internal static class SodaPayload
{
    public const string Source = "soda";

    private const string Tool = "Soda";

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "The Soda payload is not a JSON object: send Soda Cloud's webhook body.";
            return false;
        }
        var eventName = AlertJson.String(root, "event")?.Trim();
        var signals = new List<AlertSignal>();
        if (string.Equals(eventName, "checkEvaluation", StringComparison.OrdinalIgnoreCase)
            || (string.IsNullOrEmpty(eventName) && AlertJson.IsArray(root, "checkResults")))
        {
            if (!AlertJson.IsArray(root, "checkResults"))
            {
                error = "The Soda checkEvaluation has no checkResults[]: send Soda Cloud's webhook body.";
                return false;
            }
            var index = 0;
            foreach (var check in AlertJson.Array(root, "checkResults"))
            {
                if (signals.Count > AlertParsers.MaxSignals)
                {
                    break;
                }
                if (!TryReadCheck(check, null, out var signal, out var reason))
                {
                    error = $"checkResults[{index}] of the Soda payload {reason}";
                    return false;
                }
                signals.Add(signal);
                index++;
            }
        }
        else if (string.IsNullOrEmpty(eventName))
        {
            error = "The Soda payload has no event and no checkResults[]: send Soda Cloud's webhook body.";
            return false;
        }
        else if (string.Equals(eventName, "incidentUpdated", StringComparison.OrdinalIgnoreCase)
            && AlertJson.Object(root, "incident") is { } incident
            && string.Equals(AlertJson.String(incident, "status")?.Trim(), "resolved", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var check in AlertJson.Array(incident, "checkResults"))
            {
                if (signals.Count > AlertParsers.MaxSignals)
                {
                    break;
                }
                if (TryReadCheck(check, incident, out var signal, out _))
                {
                    signals.Add(signal);
                }
            }
        }
        delivery = new AlertDelivery(signals);
        error = null;
        return true;
    }

    /// <summary>A check result; with <paramref name="resolvedIncident"/>, the check as that resolved incident closes it.</summary>
    private static bool TryReadCheck(JsonElement check, JsonElement? resolvedIncident, [NotNullWhen(true)] out AlertSignal? signal, [NotNullWhen(false)] out string? reason)
    {
        signal = null;
        if (check.ValueKind != JsonValueKind.Object)
        {
            reason = "is not an object.";
            return false;
        }
        var definition = AlertJson.String(check, "definition");
        var name = AlertText.OneLine(AlertJson.FirstString(check, "name") ?? DefinitionName(definition));
        if (name is null)
        {
            reason = "has no name and no definition, so the check cannot be told apart.";
            return false;
        }
        var datasets = AlertJson.Array(check, "datasets").Where(d => d.ValueKind == JsonValueKind.Object).ToList();
        var first = datasets.FirstOrDefault();
        var dataset = datasets.Count > 0 ? AlertJson.FirstString(first, "name", "label") : null;
        var datasource = datasets.Count > 0 ? AlertJson.FirstString(AlertJson.Object(first, "datasource"), "name", "label") : null;

        var outcome = AlertJson.String(check, "outcome")?.Trim().ToLowerInvariant();
        AlertStatus status;
        string verb;
        if (resolvedIncident is not null)
        {
            (status, verb) = (AlertStatus.Resolved, "resolved");
        }
        else
        {
            switch (outcome)
            {
                case "fail" or "failed":
                    (status, verb) = (AlertStatus.Firing, "failed");
                    break;
                case "warn" or "warning":
                    (status, verb) = (AlertStatus.Firing, "warned");
                    break;
                case "error":
                    (status, verb) = (AlertStatus.Firing, "could not be evaluated");
                    break;
                case "pass" or "passed":
                    (status, verb) = (AlertStatus.Resolved, "passed");
                    break;
                default:
                    reason = $"has outcome {AlertText.Quote(outcome)}: expected fail, warn, error or pass.";
                    return false;
            }
        }

        var value = AlertJson.String(check, "diagnostics", "value");
        var column = AlertText.OneLine(AlertJson.String(check, "column"));
        var details = resolvedIncident is { } incident
            ? AlertJson.FirstString(incident, "resolutionNotes")
            : value is null ? null : column is null ? $"Value: {value}" : $"Value: {value} (column {column})";

        signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = AlertText.Fingerprint(Source, datasource, dataset, name),
            Status = status,
            Title = AlertText.Title($"Soda check \"{name}\" {verb}{(dataset is null ? "" : $" on {dataset}")}")!,
            Severity = status == AlertStatus.Firing ? SeverityOf(check, outcome) : null,
            Category = CheckKind.OfCheck(name, AlertJson.String(check, "name") is null ? null : DefinitionName(definition)),
            Assets = AlertText.Assets(datasets.Select(d => AlertJson.FirstString(d, "name", "label"))),
            ObservedAt = resolvedIncident is { } closed
                ? AlertJson.Time(closed, "resolutionTimestamp") ?? AlertJson.Time(closed, "lastUpdatedTimestamp")
                : AlertJson.Time(check, "dataTimestamp"),
            Url = AlertText.Url(AlertJson.String(check, "sodaCloudUrl")) ?? (resolvedIncident is { } withUrl ? AlertText.Url(AlertJson.String(withUrl, "sodaCloudUrl")) : null),
            Details = AlertText.Details(details),
            DetectedBy = Tool,
        };
        reason = null;
        return true;
    }

    /// <summary>An explicit <c>incident_severity</c> attribute (P0-P3), else fail P2, warn P3, else null.</summary>
    private static Severity? SeverityOf(JsonElement check, string? outcome)
    {
        foreach (var attribute in AlertJson.Array(check, "attributes"))
        {
            if (string.Equals(AlertJson.String(attribute, "name")?.Trim(), "incident_severity", StringComparison.OrdinalIgnoreCase)
                && SeverityExtensions.TryParse(AlertJson.String(attribute, "value")?.Trim(), out var given))
            {
                return given;
            }
        }
        return outcome switch
        {
            "fail" or "failed" => Severity.P2,
            "warn" or "warning" => Severity.P3,
            _ => null,
        };
    }

    /// <summary>The check line of a SodaCL definition (<c>checks for t:\n  - row_count &gt; 0</c> gives <c>row_count &gt; 0</c>).</summary>
    private static string? DefinitionName(string? definition)
    {
        if (string.IsNullOrWhiteSpace(definition))
        {
            return null;
        }
        var lines = definition.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var check = lines.LastOrDefault(l => l.StartsWith('-')) ?? lines.LastOrDefault();
        return check?.TrimStart('-', ' ').TrimEnd(':').Trim() is { Length: > 0 } text ? text : null;
    }
}
