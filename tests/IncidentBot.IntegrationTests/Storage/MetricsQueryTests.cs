using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

/// <summary>The numbers behind /metrics: counts and duration histograms, computed by the database.</summary>
public abstract class MetricsQueryTests(StorageProvider provider) : StorageTestBase(provider)
{
    [Fact]
    public async Task CountIncidents_GivesOneCountPerSeverityAndState()
    {
        Assert.Empty(await Incidents.CountIncidentsAsync());
        await DeclareAsync("a", Severity.P1);
        await DeclareAsync("b", Severity.P1);
        var acknowledged = await DeclareAsync("c", Severity.P1);
        var cancelled = await DeclareAsync("d", Severity.P0);
        var downgraded = await DeclareAsync("e", Severity.P0);
        await ChangeAsync(acknowledged.Number, i => i.Acknowledge("U300", T0.AddMinutes(1)));
        await ChangeAsync(cancelled.Number, i => i.Fire(IncidentTrigger.Cancel, "U100", T0.AddMinutes(1)));
        await ChangeAsync(downgraded.Number, i => i.ChangeSeverity(Severity.P3, "U100", T0.AddMinutes(1)));

        var counts = await Incidents.CountIncidentsAsync();

        Assert.Equal(
            [
                new IncidentCount(Severity.P0, IncidentState.Cancelled, 1),
                new IncidentCount(Severity.P1, IncidentState.Open, 2),
                new IncidentCount(Severity.P1, IncidentState.Investigating, 1),
                new IncidentCount(Severity.P3, IncidentState.Open, 1),
            ],
            counts.OrderBy(c => c.Severity).ThenBy(c => c.State));
    }

    [Fact]
    public async Task CountTimeline_CountsEntriesOfOneKindOverAllIncidents()
    {
        var first = await DeclareAsync("first");
        var second = await DeclareAsync("second");
        await ChangeAsync(first.Number, i =>
        {
            i.RecordEscalation("backup-on-call", "Backup on-call", "@backup", T0.AddMinutes(15));
            i.RecordEscalation("engineering-manager", "Engineering manager", "@em", T0.AddMinutes(30));
        });
        await ChangeAsync(second.Number, i =>
        {
            i.RecordEscalation("backup-on-call", "Backup on-call", "@backup", T0.AddMinutes(15));
            i.RecordReminder(T0.AddMinutes(20));
        });

        Assert.Equal(3, await Incidents.CountTimelineAsync(TimelineKind.Escalation));
        Assert.Equal(1, await Incidents.CountTimelineAsync(TimelineKind.Reminder));
        Assert.Equal(2, await Incidents.CountTimelineAsync(TimelineKind.Declared));
        Assert.Equal(0, await Incidents.CountTimelineAsync(TimelineKind.Resolved));
    }

    [Fact]
    public async Task Histogram_OfTimeToAcknowledge_CountsAcknowledgedIncidentsIntoCumulativeBuckets()
    {
        await SeedAcknowledgementsAsync();

        var histogram = await Incidents.HistogramAsync(DurationMeasure.TimeToAcknowledge, [120, 600, 3600]);

        Assert.Equal([120.0, 600, 3600], histogram.UpperBoundsSeconds);
        Assert.Equal([1L, 2, 3], histogram.CumulativeCounts);
        Assert.Equal(3, histogram.Count);
        Assert.Equal(1260.0, histogram.SumSeconds);
    }

    [Fact]
    public async Task Histogram_ADurationEqualToABound_CountsInThatBucket_AndAnInfiniteBoundHoldsEverything()
    {
        await SeedAcknowledgementsAsync();

        var histogram = await Incidents.HistogramAsync(DurationMeasure.TimeToAcknowledge, [59.999, 60, 300, double.PositiveInfinity]);

        Assert.Equal([0L, 1, 2, 3], histogram.CumulativeCounts);
    }

    [Fact]
    public async Task Histogram_OfTimeToResolve_CountsOnlyResolvedIncidents_FromDetection()
    {
        await SeedAcknowledgementsAsync();

        var histogram = await Incidents.HistogramAsync(DurationMeasure.TimeToResolve, [3600, 7200, 7201]);

        Assert.Equal([0L, 0, 1], histogram.CumulativeCounts);
        Assert.Equal(1, histogram.Count);
        Assert.Equal(7200.5, histogram.SumSeconds);
    }

    [Fact]
    public async Task Histogram_WithNothingToMeasure_IsAllZeros()
    {
        await DeclareAsync();

        var histogram = await Incidents.HistogramAsync(DurationMeasure.TimeToAcknowledge, [60, 600]);

        Assert.Equal([0L, 0], histogram.CumulativeCounts);
        Assert.Equal(0, histogram.Count);
        Assert.Equal(0.0, histogram.SumSeconds);
    }

    [Fact]
    public async Task Histogram_WithBoundsOutOfOrder_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Incidents.HistogramAsync(DurationMeasure.TimeToAcknowledge, [600, 60]));

        Assert.Contains("increasing", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Acknowledged 60 s, 300 s and 900 s after detection (the 300 s one was declared 240 s after it
    /// was detected, so measuring from the declaration would give 60 s); one never acknowledged; the
    /// 900 s one resolved 2 h 0.5 s after detection.
    /// </summary>
    private async Task SeedAcknowledgementsAsync()
    {
        var fast = await DeclareAsync("fast", at: T0);
        var declaredLate = await DeclareAsync("declared late", at: T0.AddSeconds(240), detectedAt: T0);
        var slow = await DeclareAsync("slow", at: T0);
        await DeclareAsync("never acknowledged", at: T0);
        await ChangeAsync(fast.Number, i => i.Acknowledge("U300", T0.AddSeconds(60)));
        await ChangeAsync(declaredLate.Number, i => i.Acknowledge("U300", T0.AddSeconds(300)));
        await ChangeAsync(slow.Number, i =>
        {
            i.Acknowledge("U300", T0.AddSeconds(900));
            i.Fire(IncidentTrigger.Resolve, "U300", T0.AddHours(2).AddMilliseconds(500));
        });
    }
}

public sealed class MetricsQueryTestsOnSqlite() : MetricsQueryTests(StorageProvider.Sqlite);

public sealed class MetricsQueryTestsOnPostgres() : MetricsQueryTests(StorageProvider.Postgres);
