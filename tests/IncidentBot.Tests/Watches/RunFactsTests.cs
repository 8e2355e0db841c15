using IncidentBot.Tests.Alerts;
using IncidentBot.Watches;

namespace IncidentBot.Tests.Watches;

/// <summary>The run facts the phantom-success rules need, as read from dbt Cloud's webhook and from a run_results.json.</summary>
public sealed class RunFactsTests
{
    [Fact]
    public void DbtCloudSuccess_CarriesTheRun_WithItsDurationFromStartedToFinished()
    {
        var signal = Assert.Single(AlertFixtures.Accept("dbt-cloud", AlertFixtures.Text("dbt_cloud_completed_success.json")).Signals);

        Assert.NotNull(signal.Run);
        Assert.Equal("dbt-cloud:1:42", signal.Run.Job);
        Assert.Equal("9002", signal.Run.RunId);
        Assert.Equal(TimeSpan.FromSeconds(570), signal.Run.Duration);
        Assert.Equal(AlertFixtures.Utc(7, 9, 30), signal.Run.FinishedAt);
    }

    [Fact]
    public void DbtCloudErrored_CarriesNoRun()
    {
        var signal = Assert.Single(AlertFixtures.Accept("dbt-cloud", AlertFixtures.Text("dbt_cloud_errored.json")).Signals);

        Assert.Null(signal.Run);
    }

    [Fact]
    public void RunResults_ListsTheModelsBuilt_NotTestsOrSkippedOnes()
    {
        const string json = """
            {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json", "generated_at": "2026-02-09T06:00:41Z", "invocation_id": "a1b2"},
             "results": [
               {"unique_id": "model.shop.stg_orders", "status": "success"},
               {"unique_id": "model.shop.fct_revenue_daily", "status": "skipped"},
               {"unique_id": "test.shop.not_null", "status": "pass"}],
             "elapsed_time": 41.2}
            """;

        Assert.True(RunResultsIntake.TryRead("nightly", json, out var run, out _));

        Assert.Equal("run-results:nightly", run!.Job);
        Assert.Equal("a1b2", run.RunId);
        Assert.Equal(["model.shop.stg_orders"], run.Models);
        Assert.Equal(TimeSpan.FromSeconds(41.2), run.Duration);
    }

    [Fact]
    public void RunResults_WithAnErroredModel_IsNoSuccessToKeep_AndOtherJsonIsRefused()
    {
        Assert.True(RunResultsIntake.TryRead("nightly", """{"metadata": {"generated_at": "2026-02-09T06:00:41Z", "invocation_id": "a"}, "results": [{"unique_id": "model.a", "status": "error"}]}""", out var run, out _));
        Assert.Null(run);

        Assert.False(RunResultsIntake.TryRead("nightly", """{"nodes": {}}""", out _, out var error));
        Assert.Contains("not a run_results.json", error);
        Assert.False(RunResultsIntake.TryRead("nightly", """{"metadata": {}, "results": []}""", out _, out error));
        Assert.Contains("invocation_id", error);
    }
}
