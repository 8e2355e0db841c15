using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Tests.Domain;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace IncidentBot.Tests.Messages;

/// <summary>
/// A replay of STAT6: the marts froze on Feb 8 at 06:00, nobody knew for about 60 hours, and the
/// incident was acknowledged in 2 minutes and fixed in 40 once declared. Before detection was kept,
/// the draft praised the fast acknowledgement and <c>/incident stats</c> reported 100% SLA compliance.
/// Slow detection must be the first thing to improve and must count against compliance.
/// </summary>
public class Stat6DetectionTests
{
    private static readonly DateTimeOffset WentWrong = new(2026, 2, 8, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Declared = WentWrong.AddHours(60);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static Incident Stat6()
    {
        var incident = Incident.Declare("Revenue dashboard shows data as of Feb 8", Severity.P1, Category.StaleData, "U0CEO", "#c", Declared, affectedAssets: "fct_revenue_daily");
        incident.AssignNumber(6);
        incident.RecordDetection("CEO", WentWrong, Declared);
        incident.Acknowledge("U0ANA", Declared.AddMinutes(2));
        incident.Resolve(new Resolution("Marts rebuilt", "orchestrator ran staging.* only", "selector fixed", Declared.AddMinutes(38), "freshness test", "fresh", true), "U0ANA", Declared.AddMinutes(40));
        return incident;
    }

    [Fact]
    public void Stats_CountSlowDetectionAgainstTheSla()
    {
        var incident = Stat6();

        var stats = IncidentStatistics.Compute([incident], [], TimeSpan.FromMinutes(15));

        Assert.Equal(TimeSpan.FromHours(60), stats.MttdMedian);
        Assert.Equal(1, stats.DetectedLate);
        Assert.Equal(0, stats.SlaMet);
        Assert.Equal(0.0, stats.SlaCompliance);
        Assert.Contains("*MTTD* (data wrong → detected): median 2 d 12 h", IncidentQueries.StatsText(stats, 30, TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Stats_StillMeetTheSla_WhenDetectionWasFast()
    {
        var incident = Incident.Declare("orders mart stale", Severity.P1, Category.StaleData, "U1", "#c", Declared);
        incident.AssignNumber(1);
        incident.RecordDetection("Alertmanager", Declared.AddMinutes(-20), Declared);
        incident.Acknowledge("U2", Declared.AddMinutes(2));

        var stats = IncidentStatistics.Compute([incident], [], TimeSpan.FromMinutes(15));

        Assert.Equal(0, stats.DetectedLate);
        Assert.Equal(1.0, stats.SlaCompliance);
    }

    [Fact]
    public async Task Draft_PutsDetectionFirstToImprove_AndStartsTheTimelineWhenTheDataWentWrong()
    {
        var incident = Stat6();
        var timeline = incident.TakePendingTimeline();
        var store = Substitute.For<IIncidentStore>();
        store.FindAsync(6, Arg.Any<CancellationToken>()).Returns(incident);
        store.GetTimelineAsync(6, Arg.Any<CancellationToken>()).Returns(timeline);
        store.ListActionItemsAsync(6, Arg.Any<CancellationToken>()).Returns(new List<ActionItem>());
        var templates = new MessageTemplates(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));
        var drafts = new PostmortemDrafts(store, templates, new IncidentPolicy(UpdateCadence.Default, EscalationRule.Defaults), new FixedTime(Declared.AddHours(2)), Options.Create(new IncidentsOptions()));

        var markdown = (await drafts.RenderAsync(6, CancellationToken.None))!;

        var improve = markdown[markdown.IndexOf("## What Could Be Improved", StringComparison.Ordinal)..];
        Assert.StartsWith("## What Could Be Improved\n- Detection: the data was wrong for 2 d 12 h before anyone knew (CEO caught it); a freshness or volume check on fct_revenue_daily would have caught it within the hour", improve);
        Assert.Contains("- Acknowledged 2 min after it was declared (but 2 d 12 h after the data went wrong)", markdown);
        Assert.Contains("**Duration of bad data:** 2 d 12 h from when the data went wrong (2026-02-08 06:00 UTC) to resolution; it was wrong for 2 d 12 h before anyone knew", markdown);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| 2026-", StringComparison.Ordinal)).ToList();
        Assert.Equal("| 2026-02-08 06:00 UTC | (the data) | Data went wrong (the last good load) |", rows[0]);
        Assert.Equal("| 2026-02-10 18:00 UTC | CEO | Detected by CEO |", rows[1]);
    }
}
