using System.Globalization;
using System.Text;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;

namespace IncidentBot.Metrics;

/// <summary>
/// The Prometheus text exposition of the incident metrics, computed in the database on each scrape
/// (GROUP BY and SUM(CASE ...) queries: cost independent of the Slack request path).
/// </summary>
public sealed class MetricsWriter(IIncidentStore store)
{
    public static readonly IReadOnlyList<double> AcknowledgeBuckets = [60, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600];
    public static readonly IReadOnlyList<double> ResolveBuckets = [900, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600];
    public static readonly IReadOnlyList<double> DetectBuckets = [300, 900, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600];

    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountIncidentsAsync(cancellationToken);
        var escalations = await store.CountTimelineAsync(TimelineKind.Escalation, cancellationToken);
        var reminders = await store.CountTimelineAsync(TimelineKind.Reminder, cancellationToken);
        var tta = await store.HistogramAsync(DurationMeasure.TimeToAcknowledge, AcknowledgeBuckets, cancellationToken);
        var ttr = await store.HistogramAsync(DurationMeasure.TimeToResolve, ResolveBuckets, cancellationToken);
        var ttd = await store.HistogramAsync(DurationMeasure.TimeToDetect, DetectBuckets, cancellationToken);

        var text = new StringBuilder();
        text.Append("# HELP incidentbot_incidents_total Incidents declared, by severity and current state.\n");
        text.Append("# TYPE incidentbot_incidents_total gauge\n");
        foreach (var severity in SeverityExtensions.All)
        {
            foreach (var state in Enum.GetValues<IncidentState>())
            {
                var count = counts.FirstOrDefault(c => c.Severity == severity && c.State == state)?.Count ?? 0;
                text.Append(Invariant($"incidentbot_incidents_total{{severity=\"{severity.Code()}\",state=\"{state}\"}} {count}\n"));
            }
        }
        text.Append("# HELP incidentbot_open_incidents Active incidents (Open to Verifying), by severity.\n");
        text.Append("# TYPE incidentbot_open_incidents gauge\n");
        foreach (var severity in SeverityExtensions.All)
        {
            var open = counts.Where(c => c.Severity == severity && c.State.IsActive()).Sum(c => c.Count);
            text.Append(Invariant($"incidentbot_open_incidents{{severity=\"{severity.Code()}\"}} {open}\n"));
        }
        text.Append("# HELP incidentbot_escalations_total Escalations posted (timeline rules and impact notices).\n");
        text.Append("# TYPE incidentbot_escalations_total counter\n");
        text.Append(Invariant($"incidentbot_escalations_total {escalations}\n"));
        text.Append("# HELP incidentbot_reminders_total Update and postmortem reminders posted.\n");
        text.Append("# TYPE incidentbot_reminders_total counter\n");
        text.Append(Invariant($"incidentbot_reminders_total {reminders}\n"));
        Histogram(text, "incidentbot_time_to_acknowledge_seconds", "Detection to acknowledgement (MTTA).", tta);
        Histogram(text, "incidentbot_time_to_resolve_seconds", "Detection to resolution (MTTR).", ttr);
        Histogram(text, "incidentbot_time_to_detect_seconds", "Data wrong (the last good load) to detection, where known.", ttd);
        return text.ToString();
    }

    private static void Histogram(StringBuilder text, string name, string help, DurationHistogram histogram)
    {
        text.Append(Invariant($"# HELP {name} {help}\n# TYPE {name} histogram\n"));
        for (var i = 0; i < histogram.UpperBoundsSeconds.Count; i++)
        {
            text.Append(Invariant($"{name}_bucket{{le=\"{histogram.UpperBoundsSeconds[i]}\"}} {histogram.CumulativeCounts[i]}\n"));
        }
        text.Append(Invariant($"{name}_bucket{{le=\"+Inf\"}} {histogram.Count}\n"));
        text.Append(Invariant($"{name}_sum {histogram.SumSeconds}\n"));
        text.Append(Invariant($"{name}_count {histogram.Count}\n"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
