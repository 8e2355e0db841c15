using IncidentBot.Domain;

namespace IncidentBot.Tests.Domain;

public class IncidentStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static Incident Make(long number, Severity severity, Category category, DateTimeOffset declared, string? assets,
        int? ackMinutes = null, int? resolveMinutes = null, bool escalated = false, bool reminded = false, bool cancelled = false)
    {
        var incident = Incident.Declare($"incident {number}", severity, category, "U1", "#c", declared, affectedAssets: assets);
        incident.AssignNumber(number);
        if (cancelled)
        {
            incident.Fire(IncidentTrigger.Cancel, "U1", declared.AddMinutes(1));
            return incident;
        }
        if (escalated)
        {
            incident.RecordEscalation("backup-on-call", "Backup on-call", "x", declared.AddMinutes(15));
        }
        if (reminded)
        {
            incident.RecordReminder(declared.AddHours(1));
        }
        if (ackMinutes is { } ack)
        {
            incident.Acknowledge("U2", declared.AddMinutes(ack));
        }
        if (resolveMinutes is { } resolve)
        {
            incident.Fire(IncidentTrigger.Resolve, "U2", declared.AddMinutes(resolve));
        }
        return incident;
    }

    [Fact]
    public void Compute_MatchesAHandComputationOnASeededSet()
    {
        var old = Make(1, Severity.P1, Category.StaleData, T0.AddDays(-20), "marts.fct_orders", 5, 60);
        var window = new List<Incident>
        {
            // MTTA minutes: 2, 10, 30, 4 (sorted 2, 4, 10, 30) -> median (rank 2) 4 min, p90 (rank 4) 30 min.
            // MTTR minutes: 40, 100, 300 -> median (rank 2) 100 min, p90 (rank 3) 300 min.
            Make(2, Severity.P0, Category.DataLoss, T0, "raw.orders", 2, 40),
            Make(3, Severity.P1, Category.StaleData, T0.AddDays(1), "Marts.FCT_ORDERS, revenue dashboard", 10, 100, reminded: true),
            Make(4, Severity.P1, Category.DuplicateLoad, T0.AddDays(2), "fct_payments", 30, 300, escalated: true),
            Make(5, Severity.P2, Category.StaleData, T0.AddDays(3), "revenue dashboard", 4),
            Make(6, Severity.P3, Category.DataQuality, T0.AddDays(4), null, cancelled: true),
        };

        var stats = IncidentStatistics.Compute(window, [old, .. window], TimeSpan.FromMinutes(15));

        Assert.Equal(5, stats.Total);
        Assert.Equal(new Dictionary<Severity, int> { [Severity.P0] = 1, [Severity.P1] = 2, [Severity.P2] = 1, [Severity.P3] = 1 }, stats.BySeverity);
        Assert.Equal((2, 1, 1, 1, 0), (stats.ByCategory[Category.StaleData], stats.ByCategory[Category.DataLoss], stats.ByCategory[Category.DuplicateLoad], stats.ByCategory[Category.DataQuality], stats.ByCategory[Category.SchemaBreak]));
        Assert.Equal(TimeSpan.FromMinutes(4), stats.MttaMedian);
        Assert.Equal(TimeSpan.FromMinutes(30), stats.MttaP90);
        Assert.Equal(TimeSpan.FromMinutes(100), stats.MttrMedian);
        Assert.Equal(TimeSpan.FromMinutes(300), stats.MttrP90);
        Assert.Equal(1, stats.Escalated);
        Assert.Equal(0.2, stats.EscalationRate, 3);
        // #3 repeats #1 (stale, fct_orders, 21 days later); #5 repeats #3 (stale, revenue dashboard).
        Assert.Equal(2, stats.Repeats);
        // Eligible: 2, 3, 4, 5 (6 cancelled). Met: 2 (2 min), 5 (4 min). 3 needed a reminder, 4 took 30 min.
        Assert.Equal(4, stats.SlaEligible);
        Assert.Equal(2, stats.SlaMet);
        Assert.Equal(0.5, stats.SlaCompliance, 3);
    }

    [Fact]
    public void Repeat_RequiresSameCategoryAndAssetWithin30Days()
    {
        var first = Make(1, Severity.P1, Category.StaleData, T0, "fct_orders");
        var otherCategory = Make(2, Severity.P1, Category.SchemaBreak, T0.AddDays(1), "fct_orders");
        var tooLate = Make(3, Severity.P1, Category.StaleData, T0.AddDays(31), "fct_orders");
        var repeat = Make(4, Severity.P1, Category.StaleData, T0.AddDays(29), "dim_customers, FCT_ORDERS");

        Assert.False(IncidentStatistics.IsRepeat(otherCategory, [first]));
        Assert.False(IncidentStatistics.IsRepeat(tooLate, [first]));
        Assert.True(IncidentStatistics.IsRepeat(repeat, [first]));
    }

    [Fact]
    public void Compute_OnNoIncidents_HasNoTimes()
    {
        var stats = IncidentStatistics.Compute([], [], TimeSpan.FromMinutes(15));

        Assert.Equal(0, stats.Total);
        Assert.Null(stats.MttaMedian);
        Assert.Equal(0, stats.SlaCompliance);
    }
}
