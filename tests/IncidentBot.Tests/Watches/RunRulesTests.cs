using IncidentBot.Alerts;
using IncidentBot.Domain.Watches;
using IncidentBot.Watches;

namespace IncidentBot.Tests.Watches;

/// <summary>The phantom-success rules with STAT6's numbers: the Feb 9 run took 41 s against a usual 145 s.</summary>
public sealed class RunRulesTests
{
    private const string Job = "dbt-cloud:1:42";
    private static readonly DateTimeOffset Feb9 = new(2026, 2, 9, 6, 0, 41, TimeSpan.Zero);

    /// <summary>The seven runs before Feb 9, one a day, median 145 s.</summary>
    private static List<DbtRun> Week(params string[][] models) =>
        new[] { 150, 140, 145, 160, 130, 145, 152 }
            .Select((s, i) => new DbtRun(Job, $"{100 + i}", Feb9.AddDays(-(i + 1)), TimeSpan.FromSeconds(s), models.Length > 0 ? models[i % models.Length] : null))
            .ToList();

    [Fact]
    public void Duration_Stat6Run_IsFlagged_WithBothNumbers()
    {
        var run = new DbtRun(Job, "9", Feb9, TimeSpan.FromSeconds(41));

        var verdict = RunRules.Duration(run, Week(), 0.5, 7);

        Assert.True(verdict.Suspicious);
        Assert.Equal(41, verdict.Actual);
        Assert.Equal(145, verdict.Usual);
        var signal = PhantomSuccess.Judge(run, "dbt Cloud job \"daily_revenue\"", Week(), 0.5, 7)!;
        Assert.Equal(AlertStatus.Firing, signal.Status);
        Assert.Equal("run 9 of dbt Cloud job \"daily_revenue\" took 41 s against a usual 145 s: possible scope reduction", signal.Title);
        Assert.Equal("phantom:dbt-cloud:1:42", signal.Fingerprint);
        Assert.Equal(IncidentBot.Domain.Severity.P2, signal.Severity);
    }

    [Fact]
    public void Duration_AtHalfTheUsualOrMore_IsNormal_AndPassesTheCheck()
    {
        var run = new DbtRun(Job, "9", Feb9, TimeSpan.FromSeconds(73));

        Assert.False(RunRules.Duration(run, Week(), 0.5, 7).Suspicious);
        Assert.Equal(AlertStatus.Resolved, PhantomSuccess.Judge(run, "job", Week(), 0.5, 7)!.Status);
        Assert.True(RunRules.Duration(run with { Duration = TimeSpan.FromSeconds(72) }, Week(), 0.5, 7).Suspicious);
    }

    [Fact]
    public void Duration_UsesOnlyTheLastRunHistoryRunsBeforeIt()
    {
        // Three slow old runs outside the history of 3 would make 41 s look fast; the last three are quick.
        var earlier = new List<DbtRun>
        {
            new(Job, "1", Feb9.AddDays(-1), TimeSpan.FromSeconds(45)),
            new(Job, "2", Feb9.AddDays(-2), TimeSpan.FromSeconds(40)),
            new(Job, "3", Feb9.AddDays(-3), TimeSpan.FromSeconds(50)),
            new(Job, "4", Feb9.AddDays(-4), TimeSpan.FromSeconds(500)),
            new(Job, "5", Feb9.AddDays(-5), TimeSpan.FromSeconds(500)),
            new(Job, "later", Feb9.AddDays(1), TimeSpan.FromSeconds(500)),
        };

        var verdict = RunRules.Duration(new DbtRun(Job, "9", Feb9, TimeSpan.FromSeconds(41)), earlier, 0.5, 3);

        Assert.False(verdict.Suspicious);
        Assert.Equal(45, verdict.Usual);
    }

    [Fact]
    public void WithFewerThanThreeEarlierRuns_NothingIsJudged()
    {
        var run = new DbtRun(Job, "9", Feb9, TimeSpan.FromSeconds(1));

        Assert.False(RunRules.Duration(run, Week().Take(2), 0.5, 7).Judged);
        Assert.Null(PhantomSuccess.Judge(run, "job", Week().Take(2).ToList(), 0.5, 7));
    }

    [Fact]
    public void ModelCount_ARunBuildingFarFewerModels_IsFlagged_NamingWhatItUsuallyBuilds()
    {
        string[] all = ["model.shop.stg_orders", "model.shop.stg_payments", "model.shop.fct_orders", "model.shop.fct_revenue_daily", "model.shop.dim_customers", "model.shop.fct_refunds"];
        var week = Week(all);
        var run = new DbtRun(Job, "9", Feb9, TimeSpan.FromSeconds(140), ["model.shop.stg_orders", "model.shop.stg_payments"]);

        var verdict = RunRules.ModelCount(run, week, 0.5, 7);

        Assert.True(verdict.Suspicious);
        Assert.Equal(2, verdict.Actual);
        Assert.Equal(6, verdict.Usual);
        Assert.Equal(["model.shop.dim_customers", "model.shop.fct_orders", "model.shop.fct_refunds", "model.shop.fct_revenue_daily"], verdict.Missing);
        var signal = PhantomSuccess.Judge(run, "job nightly", week, 0.5, 7)!;
        Assert.Equal("run 9 of job nightly built 2 models against a usual 6: possible scope reduction", signal.Title);
        Assert.Contains("model.shop.fct_revenue_daily", signal.Details);
        Assert.Contains("model.shop.fct_revenue_daily", signal.Assets);
    }

    [Fact]
    public void ModelCount_OneModelLess_IsNormal()
    {
        string[] all = ["model.a", "model.b", "model.c", "model.d"];
        var run = new DbtRun(Job, "9", Feb9, null, ["model.a", "model.b", "model.c"]);

        Assert.False(RunRules.ModelCount(run, Week(all), 0.5, 7).Suspicious);
    }
}
