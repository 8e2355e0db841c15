namespace IncidentBot.Domain;

/// <summary>The incident metrics of the runbook over a window; see <see cref="IncidentStatistics.Compute"/>.</summary>
public sealed record IncidentStats
{
    public required int Total { get; init; }
    public required IReadOnlyDictionary<Severity, int> BySeverity { get; init; }
    public required IReadOnlyDictionary<Category, int> ByCategory { get; init; }
    public TimeSpan? MttaMedian { get; init; }
    public TimeSpan? MttaP90 { get; init; }
    public TimeSpan? MttrMedian { get; init; }
    public TimeSpan? MttrP90 { get; init; }
    public int Escalated { get; init; }
    public double EscalationRate { get; init; }
    public int Repeats { get; init; }
    public TimeSpan? MttdMedian { get; init; }
    public TimeSpan? MttdP90 { get; init; }

    /// <summary>Incidents whose data was wrong longer than <see cref="IncidentStatistics.DetectWithin"/> before anyone knew.</summary>
    public int DetectedLate { get; init; }
    public int SlaEligible { get; init; }
    public int SlaMet { get; init; }
    public double SlaCompliance { get; init; }
}

/// <summary>
/// Pure computation of the runbook's metrics. Definitions (also in the README):
/// MTTA = detected -> acknowledged, MTTR = detected -> resolved, both over the incidents of the
/// window that have them, median and p90 by nearest rank. Escalation rate = incidents with at
/// least one escalation rule fired / incidents. A repeat is an incident whose category and at least
/// one affected asset match an incident declared in the 30 days before it. MTTD = data wrong since ->
/// detected, over the incidents that say since when. SLA compliance = share of the non-cancelled
/// incidents that were detected within <see cref="DetectWithin"/> of the data going wrong (when known),
/// acknowledged within the target and never needed an update reminder: a fast response to data that
/// was wrong for days is not a met SLA.
/// </summary>
public static class IncidentStatistics
{
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(30);

    /// <summary>How soon after the data went wrong an incident should be detected (the runbook's freshness checks run hourly).</summary>
    public static readonly TimeSpan DetectWithin = TimeSpan.FromHours(1);

    /// <summary>True when the data was wrong longer than <see cref="DetectWithin"/> before it was detected.</summary>
    public static bool DetectedLate(Incident incident) => incident.TimeToDetect > DetectWithin;

    /// <param name="inWindow">The incidents declared in the window.</param>
    /// <param name="history">Incidents declared up to 30 days before the window, for repeats (may include the window's).</param>
    /// <param name="ackTarget">The acknowledgement target (the first NotAcknowledged escalation's delay).</param>
    public static IncidentStats Compute(IReadOnlyList<Incident> inWindow, IReadOnlyList<Incident> history, TimeSpan ackTarget)
    {
        var tta = inWindow.Where(i => i.AcknowledgedAt is not null).Select(i => i.AcknowledgedAt!.Value - i.DetectedAt).Order().ToList();
        var ttr = inWindow.Where(i => i.ResolvedAt is not null).Select(i => i.ResolvedAt!.Value - i.DetectedAt).Order().ToList();
        var escalated = inWindow.Count(i => i.FiredEscalations.Count > 0);
        var eligible = inWindow.Where(i => i.State != IncidentState.Cancelled).ToList();
        var ttd = inWindow.Select(i => i.TimeToDetect).OfType<TimeSpan>().Order().ToList();
        var met = eligible.Count(i => i.AcknowledgedAt is { } ack && ack - i.DeclaredAt <= ackTarget && i.LastReminderAt is null && !DetectedLate(i));
        var all = history.Concat(inWindow).DistinctBy(i => i.Number).ToList();
        return new IncidentStats
        {
            Total = inWindow.Count,
            BySeverity = SeverityExtensions.All.ToDictionary(s => s, s => inWindow.Count(i => i.Severity == s)),
            ByCategory = CategoryExtensions.All.ToDictionary(c => c, c => inWindow.Count(i => i.Category == c)),
            MttaMedian = Percentile(tta, 0.5),
            MttaP90 = Percentile(tta, 0.9),
            MttrMedian = Percentile(ttr, 0.5),
            MttrP90 = Percentile(ttr, 0.9),
            Escalated = escalated,
            EscalationRate = inWindow.Count == 0 ? 0 : (double)escalated / inWindow.Count,
            Repeats = inWindow.Count(i => IsRepeat(i, all)),
            MttdMedian = Percentile(ttd, 0.5),
            MttdP90 = Percentile(ttd, 0.9),
            DetectedLate = eligible.Count(DetectedLate),
            SlaEligible = eligible.Count,
            SlaMet = met,
            SlaCompliance = eligible.Count == 0 ? 0 : (double)met / eligible.Count,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values: the value at rank ceil(p * n).</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static bool IsRepeat(Incident incident, IEnumerable<Incident> others)
    {
        var assets = Assets(incident.AffectedAssets);
        if (assets.Count == 0)
        {
            return false;
        }
        return others.Any(o => o.Number != incident.Number
            && o.Category == incident.Category
            && o.DeclaredAt < incident.DeclaredAt
            && incident.DeclaredAt - o.DeclaredAt <= RepeatWindow
            && Assets(o.AffectedAssets).Overlaps(assets));
    }

    /// <summary>"marts.fct_orders, Revenue dashboard" -> {"marts.fct_orders", "revenue dashboard"}.</summary>
    public static HashSet<string> Assets(string? affected) =>
        Alerts.AssetNames.Split(affected)
            .Select(a => a.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
}
