using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// Alertmanager's webhook body (<c>version: "4"</c>): each entry of <c>alerts[]</c> is one signal with
/// its own <c>status</c>, so a group mixing firing and resolved alerts is read alert by alert.
/// <list type="bullet">
/// <item>Fingerprint: <c>alertmanager:</c> + the alert's <c>fingerprint</c>; without one, the first 16 hex
/// digits of the SHA-256 of its labels sorted by name (<c>name=value</c> lines), which is as stable as
/// Alertmanager's own.</item>
/// <item>Severity: the label <c>incident_severity</c> when it is P0-P3; else the label <c>severity</c>:
/// P0-P3 as is, <c>critical</c> P1, <c>error</c> P2, <c>warning</c> P3, <c>info</c> P3; else null (the
/// configured default). <c>critical</c> is P1, not P0: P0 means revenue or customers are hit, which
/// a monitoring rule rarely knows; set <c>incident_severity: P0</c> on the rules that do.</item>
/// <item>Category: the label <c>incident_category</c> or <c>category</c> when it names one of the six; else null.</item>
/// <item>Assets: the first present of the labels <c>asset</c>, <c>table</c>, <c>dataset</c>, <c>model</c>.</item>
/// </list>
/// An alert's labels are completed by <c>commonLabels</c>, its annotations by <c>commonAnnotations</c>.
/// </summary>
internal static class AlertmanagerPayload
{
    public const string Source = "alertmanager";

    private const string Tool = "Alertmanager";

    private static readonly string[] AssetLabels = ["asset", "table", "dataset", "model"];

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        if (!AlertJson.IsArray(root, "alerts"))
        {
            error = "The Alertmanager payload has no alerts[]: send Alertmanager's webhook body (version 4).";
            return false;
        }
        var groupStatus = AlertJson.String(root, "status");
        var commonLabels = AlertJson.StringMap(AlertJson.Get(root, "commonLabels"));
        var commonAnnotations = AlertJson.StringMap(AlertJson.Get(root, "commonAnnotations"));
        var signals = new List<AlertSignal>();
        var index = 0;
        foreach (var alert in AlertJson.Array(root, "alerts"))
        {
            if (signals.Count > AlertParsers.MaxSignals)
            {
                break;
            }
            if (!TryReadAlert(alert, index, groupStatus, commonLabels, commonAnnotations, out var signal, out error))
            {
                return false;
            }
            signals.Add(signal);
            index++;
        }
        delivery = new AlertDelivery(signals);
        error = null;
        return true;
    }

    private static bool TryReadAlert(
        JsonElement alert,
        int index,
        string? groupStatus,
        IReadOnlyList<KeyValuePair<string, string>> commonLabels,
        IReadOnlyList<KeyValuePair<string, string>> commonAnnotations,
        [NotNullWhen(true)] out AlertSignal? signal,
        [NotNullWhen(false)] out string? error)
    {
        signal = null;
        if (alert.ValueKind != JsonValueKind.Object)
        {
            error = $"alerts[{index}] of the Alertmanager payload is not an object: send Alertmanager's webhook body (version 4).";
            return false;
        }
        var ownLabels = AlertJson.StringMap(AlertJson.Get(alert, "labels"));
        var labels = Merge(ownLabels, commonLabels);
        var annotations = Merge(AlertJson.StringMap(AlertJson.Get(alert, "annotations")), commonAnnotations);

        var statusText = AlertJson.String(alert, "status") ?? groupStatus;
        AlertStatus status;
        if (string.Equals(statusText?.Trim(), "firing", StringComparison.OrdinalIgnoreCase))
        {
            status = AlertStatus.Firing;
        }
        else if (string.Equals(statusText?.Trim(), "resolved", StringComparison.OrdinalIgnoreCase))
        {
            status = AlertStatus.Resolved;
        }
        else
        {
            error = $"alerts[{index}] of the Alertmanager payload has no status firing or resolved (got {AlertText.Quote(statusText)}).";
            return false;
        }

        string fingerprint;
        if (AlertJson.String(alert, "fingerprint") is { } sent && !string.IsNullOrWhiteSpace(sent))
        {
            fingerprint = AlertText.Fingerprint(Source, sent.Trim());
        }
        else if (ownLabels.Count > 0 || commonLabels.Count > 0)
        {
            fingerprint = AlertText.Fingerprint(Source, LabelHash(ownLabels.Count > 0 ? ownLabels : commonLabels));
        }
        else
        {
            error = $"alerts[{index}] of the Alertmanager payload has neither a fingerprint nor labels, so the check cannot be told apart: send Alertmanager's webhook body (version 4).";
            return false;
        }

        var title = AlertText.Title(Value(annotations, "summary"))
            ?? AlertText.Title(Value(labels, "alertname"))
            ?? AlertText.Title($"Alertmanager alert {fingerprint[(Source.Length + 1)..]}")!;

        signal = new AlertSignal
        {
            Source = Source,
            Fingerprint = fingerprint,
            Status = status,
            Title = title,
            Severity = SeverityOf(labels),
            Category = CategoryOf(labels),
            Assets = AlertText.Assets([AssetLabels.Select(name => Value(labels, name)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))]),
            ObservedAt = status == AlertStatus.Resolved
                ? AlertJson.Time(alert, "endsAt") ?? AlertJson.Time(alert, "startsAt")
                : AlertJson.Time(alert, "startsAt"),
            Url = AlertText.Url(AlertJson.String(alert, "generatorURL")),
            Details = AlertText.Details(Value(annotations, "description")),
            DetectedBy = Tool,
        };
        error = null;
        return true;
    }

    /// <summary>The severity the labels give; see the class summary for the map.</summary>
    internal static Severity? SeverityOf(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (SeverityExtensions.TryParse(Value(labels, "incident_severity")?.Trim(), out var explicitSeverity))
        {
            return explicitSeverity;
        }
        var level = Value(labels, "severity")?.Trim();
        if (SeverityExtensions.TryParse(level, out var given))
        {
            return given;
        }
        return level?.ToLowerInvariant() switch
        {
            "critical" => Severity.P1,
            "error" => Severity.P2,
            "warning" => Severity.P3,
            "info" => Severity.P3,
            _ => null,
        };
    }

    private static Category? CategoryOf(IReadOnlyList<KeyValuePair<string, string>> labels) =>
        CategoryExtensions.TryParse(Value(labels, "incident_category"), out var explicitCategory) ? explicitCategory
        : CategoryExtensions.TryParse(Value(labels, "category"), out var category) ? category
        : null;

    private static string LabelHash(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var text = new StringBuilder();
        foreach (var label in labels.OrderBy(l => l.Key, StringComparer.Ordinal).ThenBy(l => l.Value, StringComparer.Ordinal))
        {
            text.Append(label.Key).Append('=').Append(label.Value).Append('\n');
        }
        return AlertText.Hash(text.ToString())[..16];
    }

    private static List<KeyValuePair<string, string>> Merge(IReadOnlyList<KeyValuePair<string, string>> own, IReadOnlyList<KeyValuePair<string, string>> common)
    {
        var merged = new List<KeyValuePair<string, string>>(own);
        var keys = own.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(common.Where(c => !keys.Contains(c.Key)));
        return merged;
    }

    private static string? Value(IReadOnlyList<KeyValuePair<string, string>> map, string key) =>
        map.FirstOrDefault(pair => pair.Key == key).Value;
}
