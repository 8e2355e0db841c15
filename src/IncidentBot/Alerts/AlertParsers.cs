using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace IncidentBot.Alerts;

/// <summary>
/// Reads the body an alert tool POSTs to <c>/alerts/{source}</c> into <see cref="AlertSignal"/>s. Each
/// source's rules (fingerprint, status, severity and category maps) are documented on its reader:
/// <see cref="AlertmanagerPayload"/>, <see cref="DbtCloudPayload"/>, <see cref="ElementaryPayload"/>,
/// <see cref="GreatExpectationsPayload"/>, <see cref="SodaPayload"/>, <see cref="GenericAlertPayload"/>.
/// </summary>
public static class AlertParsers
{
    /// <summary>The most signals one delivery may carry; more is refused (a tool sending more should group or split).</summary>
    public const int MaxSignals = 100;

    /// <summary>The sources, as they appear in the URL.</summary>
    public static readonly IReadOnlyList<string> Sources = ["alertmanager", "dbt-cloud", "elementary", "great-expectations", "soda", "generic"];

    /// <summary>True when <paramref name="source"/> names one of <see cref="Sources"/>, in any case.</summary>
    public static bool IsKnown(string source) => Canonical(source) is not null;

    /// <summary>
    /// Reads <paramref name="body"/> as <paramref name="source"/> sends it. False, with a reason a person
    /// can act on (it becomes the 400 body), when the source is unknown, the JSON is malformed, the payload
    /// lacks what identifies the check, or it carries more than <see cref="MaxSignals"/> signals. True with
    /// zero signals when the payload is valid but has nothing to act on (a dbt Cloud run that started).
    /// Never throws.
    /// </summary>
    public static bool TryParse(string source, string body, [NotNullWhen(true)] out AlertDelivery? delivery, [NotNullWhen(false)] out string? error)
    {
        delivery = null;
        var canonical = Canonical(source);
        if (canonical is null)
        {
            error = $"Unknown alert source {AlertText.Quote(source)}: use one of {string.Join(", ", Sources)}.";
            return false;
        }
        var tool = canonical switch
        {
            AlertmanagerPayload.Source => "Alertmanager",
            DbtCloudPayload.Source => "dbt Cloud",
            ElementaryPayload.Source => "Elementary",
            GreatExpectationsPayload.Source => "Great Expectations",
            SodaPayload.Source => "Soda",
            _ => "generic alert",
        };
        try
        {
            if (!AlertJson.TryParse(body, tool, out var document, out error))
            {
                return false;
            }
            using (document)
            {
                var root = document.RootElement;
                var read = canonical switch
                {
                    AlertmanagerPayload.Source => AlertmanagerPayload.TryRead(root, out delivery, out error),
                    DbtCloudPayload.Source => DbtCloudPayload.TryRead(root, out delivery, out error),
                    ElementaryPayload.Source => ElementaryPayload.TryRead(root, out delivery, out error),
                    GreatExpectationsPayload.Source => GreatExpectationsPayload.TryRead(root, out delivery, out error),
                    SodaPayload.Source => SodaPayload.TryRead(root, out delivery, out error),
                    _ => GenericAlertPayload.TryRead(root, out delivery, out error),
                };
                if (!read)
                {
                    delivery = null;
                    error ??= $"The {tool} payload could not be read: send the {tool} JSON payload.";
                    return false;
                }
                if (delivery!.Signals.Count > MaxSignals)
                {
                    delivery = null;
                    error = $"The {tool} payload carries more than {MaxSignals} alerts; send at most {MaxSignals} per request.";
                    return false;
                }
                error = null;
                return true;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException or InsufficientExecutionStackException)
        {
            // The readers are written not to throw; this keeps a case they missed a 400, not a 500.
            delivery = null;
            error = $"The {tool} payload could not be read: send the {tool} JSON payload.";
            return false;
        }
    }

    private static string? Canonical(string? source)
    {
        var trimmed = source?.Trim();
        return Sources.FirstOrDefault(s => string.Equals(s, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
