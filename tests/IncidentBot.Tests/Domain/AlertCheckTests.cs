using IncidentBot.Commands;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;

namespace IncidentBot.Tests.Domain;

/// <summary>The rules of alerts on an incident, with an explicit clock: repeat notes, passing again, grouping by asset, silences.</summary>
public class AlertCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(30);

    private static AlertCheck Started() => AlertCheck.Start(1, "alertmanager:5c1d", "Alertmanager", "fct_sales not loaded", null, T0);

    [Fact]
    public void Repeats_AreCounted_AndNotedAtMostOncePerPeriod()
    {
        var check = Started();
        var notes = new List<DateTimeOffset>();
        // Firing every minute for two hours.
        for (var minute = 1; minute <= 120; minute++)
        {
            var (next, note) = check.FiredAgain(T0.AddMinutes(minute), Every);
            if (note == RepeatNote.Due)
            {
                notes.Add(T0.AddMinutes(minute));
            }
            Assert.NotEqual(RepeatNote.FailingAgain, note);
            check = next;
        }
        Assert.Equal([T0.AddMinutes(30), T0.AddMinutes(60), T0.AddMinutes(90), T0.AddMinutes(120)], notes);
        Assert.Equal(121, check.Fired);
        Assert.Equal(T0, check.FailingSince);
    }

    [Fact]
    public void PassingAgain_IsNewsOnce_AndFailingAfterwardsStartsAFreshCount()
    {
        var (passed, changed) = Started().FiredAgain(T0.AddMinutes(5), Every).Check.Passed(T0.AddMinutes(10));
        Assert.True(changed);
        Assert.False(passed.Failing);
        Assert.False(passed.Passed(T0.AddMinutes(11)).Changed);

        var (again, note) = passed.FiredAgain(T0.AddMinutes(20), Every);
        Assert.Equal(RepeatNote.FailingAgain, note);
        Assert.Equal(1, again.Fired);
        Assert.Equal(T0.AddMinutes(20), again.FailingSince);
    }

    [Theory]
    [InlineData("analytics.marts.fct_sales", "fct_sales", true)]
    [InlineData("model.analytics.fct_sales", "analytics.marts.FCT_SALES", true)]
    [InlineData("fct_sales", "fct_sales_daily", false)]
    [InlineData("fct_sales", " ", false)]
    public void AssetNames_MatchAcrossTheToolsSpellings(string a, string b, bool same) =>
        Assert.Equal(same, AssetNames.Same(a, b));

    [Fact]
    public void AnIncident_ListsAnAsset_OnlyAmongItsAffectedAssets()
    {
        var incident = Incident.Declare("stale", Severity.P2, Category.StaleData, "U1", "#c", T0, affectedAssets: "orders mart, analytics.marts.fct_sales");
        Assert.True(incident.ListsAnyAsset(["model.analytics.fct_sales"]));
        Assert.False(incident.ListsAnyAsset(["orders"]));
        Assert.False(incident.ListsAnyAsset([]));

        Assert.True(incident.AddAssets(["fct_orders", "analytics.marts.fct_sales"], "Soda", T0));
        Assert.Equal("orders mart, analytics.marts.fct_sales, fct_orders", incident.AffectedAssets);
        Assert.False(incident.AddAssets(["FCT_ORDERS"], "Soda", T0));
    }

    [Fact]
    public void DataWrongSince_KeepsTheEarliest_AndNeverAfterDetection()
    {
        var incident = Incident.Declare("stale", Severity.P2, Category.StaleData, "Alertmanager", "#c", T0, detectedAt: T0.AddMinutes(-5));
        incident.RecordDetection("Alertmanager", T0.AddHours(-7), T0);
        incident.RecordDetection("Soda", T0.AddHours(-3), T0);
        incident.RecordDetection(null, T0.AddHours(1), T0);
        Assert.Equal(T0.AddHours(-7), incident.DataWrongSince);
        Assert.Equal("Alertmanager", incident.DetectionSource);
        Assert.Equal(TimeSpan.FromHours(7) - TimeSpan.FromMinutes(5), incident.TimeToDetect);

        var later = Incident.Declare("stale", Severity.P2, Category.StaleData, "Alertmanager", "#c", T0, detectedAt: T0.AddMinutes(-5));
        later.RecordDetection("Alertmanager", T0.AddMinutes(-1), T0);
        Assert.Equal(T0.AddMinutes(-5), later.DataWrongSince);
    }

    [Fact]
    public void ASilence_MatchesItsFingerprintOrAsset_WhileItRuns()
    {
        var silence = new AlertSilence { Id = 1, Matcher = "fct_sales", Until = T0.AddHours(2), CreatedBy = "U1", CreatedAt = T0 };
        Assert.True(silence.Matches("soda:warehouse:fct_sales:row_count", ["analytics.marts.fct_sales"]));
        Assert.False(silence.Matches("soda:warehouse:fct_orders:row_count", ["fct_orders"]));
        Assert.True(new AlertSilence { Matcher = "ALERTMANAGER:5c1d", Until = T0, CreatedBy = "U1", CreatedAt = T0 }.Matches("alertmanager:5c1d", []));
        Assert.True(silence.IsActive(T0.AddHours(1)));
        Assert.False(silence.IsActive(T0.AddHours(2)));
        Assert.False((silence with { EndedAt = T0.AddMinutes(5) }).IsActive(T0.AddMinutes(6)));
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("2h", 120)]
    [InlineData("1h30m", 90)]
    [InlineData("1d", 1440)]
    [InlineData("90min", 90)]
    [InlineData("2 hours", 120)]
    public void SilenceDurations_AreRead(string text, int minutes)
    {
        Assert.True(SilenceCommand.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0m")]
    [InlineData("soon")]
    [InlineData("2x")]
    [InlineData("-1h")]
    public void SilenceDurations_ThatAreNotOne_AreRefused(string text) =>
        Assert.False(SilenceCommand.TryParseDuration(text, out _));

    [Fact]
    public void SilenceCommand_RefusesWhatItCannotUse_AndSaysHow()
    {
        var today = DateOnly.FromDateTime(T0.UtcDateTime);
        Assert.Equal(new ParsedCommand.Silence("fct_sales", TimeSpan.FromHours(2), "backfill"), SilenceCommand.Parse(new CommandInput("silence", "fct_sales 2h backfill", today)));
        Assert.Contains("at most 14 days", Assert.IsType<ParsedCommand.Invalid>(SilenceCommand.Parse(new CommandInput("silence", "fct_sales 30d", today))).Message);
        Assert.Contains("is not a duration", Assert.IsType<ParsedCommand.Invalid>(SilenceCommand.Parse(new CommandInput("silence", "fct_sales soon", today))).Message);
        Assert.Contains("what to silence", Assert.IsType<ParsedCommand.Invalid>(SilenceCommand.Parse(new CommandInput("silence", "", today))).Message);
    }
}
