using IncidentBot.Alerts;
using IncidentBot.Domain;
using IncidentBot.Domain.Watches;
using IncidentBot.Watches;

namespace IncidentBot.Tests.Watches;

/// <summary>The staleness rule with STAT6's table: fct_revenue_daily may be 26 h old; its last load was Feb 8 06:00.</summary>
public sealed class StalenessTests
{
    private static readonly DateTimeOffset LastLoad = new(2026, 2, 8, 6, 0, 0, TimeSpan.Zero);

    private static readonly WatchDefinition Watch = new()
    {
        Name = "fct_revenue_daily",
        Connection = "Warehouse",
        Query = "SELECT max(order_date) FROM analytics.fct_revenue_daily",
        MaxAge = TimeSpan.FromHours(26),
        Every = TimeSpan.FromMinutes(5),
        Severity = Severity.P1,
        Assets = ["analytics.fct_revenue_daily"],
        Owner = "U0123ABCD",
    };

    [Fact]
    public void OlderThanMaxAge_IsStale_AndTheDataWasWrongFromLoadPlusMaxAge()
    {
        var verdict = Freshness.Judge(LastLoad, Watch.MaxAge, new DateTimeOffset(2026, 2, 10, 18, 0, 0, TimeSpan.Zero));

        Assert.True(verdict.Stale);
        Assert.Equal(TimeSpan.FromHours(60), verdict.Age);
        Assert.Equal(new DateTimeOffset(2026, 2, 9, 8, 0, 0, TimeSpan.Zero), verdict.WrongSince);
    }

    [Fact]
    public void ExactlyMaxAgeOld_IsStillFresh_AMinuteMoreIsNot()
    {
        Assert.False(Freshness.Judge(LastLoad, Watch.MaxAge, LastLoad + Watch.MaxAge).Stale);
        Assert.True(Freshness.Judge(LastLoad, Watch.MaxAge, LastLoad + Watch.MaxAge + TimeSpan.FromMinutes(1)).Stale);
    }

    [Fact]
    public void AStaleResult_IsAFiringStaleDataSignal_LikeAnAlert()
    {
        var signal = WatchRunner.Signal(Watch, Freshness.Judge(LastLoad, Watch.MaxAge, new DateTimeOffset(2026, 2, 10, 18, 0, 0, TimeSpan.Zero)));

        Assert.Equal("fct_revenue_daily: newest load 2026-02-08 06:00 UTC, 2 d 12 h old (max 26 h)", signal.Title);
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("watch:fct_revenue_daily", signal.Fingerprint);
        Assert.Equal("watch", signal.Source);
        Assert.Equal(Category.StaleData, signal.Category);
        Assert.Equal(Severity.P1, signal.Severity);
        Assert.Equal(new DateTimeOffset(2026, 2, 9, 8, 0, 0, TimeSpan.Zero), signal.DataWrongSince);
        Assert.Equal("watch fct_revenue_daily", signal.DetectedBy);
        Assert.Equal(["analytics.fct_revenue_daily"], signal.Assets);
        Assert.Equal("U0123ABCD", signal.Owner);
    }

    [Fact]
    public void AFreshResult_IsAResolvedSignal_WithoutDataWrongSince()
    {
        var signal = WatchRunner.Signal(Watch, Freshness.Judge(LastLoad, Watch.MaxAge, LastLoad + TimeSpan.FromHours(3)));

        Assert.Equal(AlertStatus.Resolved, signal.Status);
        Assert.Null(signal.DataWrongSince);
    }

    [Fact]
    public void Period_IsTheNearestBoundary_SoARunALittleEarlyOrLateCountsForItsOwnPeriod()
    {
        var every = TimeSpan.FromMinutes(5);
        var boundary = new DateTimeOffset(2026, 2, 10, 12, 5, 0, TimeSpan.Zero);

        Assert.Equal(WatchRunner.Period(boundary, every), WatchRunner.Period(boundary.AddSeconds(-3), every));
        Assert.Equal(WatchRunner.Period(boundary, every), WatchRunner.Period(boundary.AddSeconds(40), every));
        Assert.Equal(WatchRunner.Period(boundary, every) + 1, WatchRunner.Period(boundary + every, every));
    }
}
