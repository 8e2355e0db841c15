using System.Net;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Watches through the real host, with a real PostgreSQL table as the warehouse (whichever store the bot
/// uses): a fresh table changes nothing; when loads stop, one incident within Every + MaxAge, not one per
/// check; a new load is "passing again"; a dropped table is one warning, not an incident. And phantom
/// success from dbt Cloud's webhooks and from run_results.json.
/// </summary>
public abstract class WatchTests(StorageProvider provider) : BotTestBase(provider), IAsyncLifetime
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Scheduling, polling and delivery on top of the rule's own Every + MaxAge.</summary>
    private static readonly TimeSpan Overhead = TimeSpan.FromSeconds(4);

    private Warehouse? _warehouse;

    private Warehouse Warehouse => _warehouse!;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        _warehouse = Warehouse.CreateAsync().GetAwaiter().GetResult();
        settings.FastScheduling();
        Warehouse.Watch(settings, "orders_loads", MaxAge, Every);
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_warehouse is not null)
        {
            await _warehouse.DisposeAsync();
        }
    }

    private async Task<WatchState> StateAsync() =>
        (await BotServices.GetRequiredService<IWatchStore>().ListAsync()).Single(s => s.Name == "orders_loads");

    /// <summary>Waits until the watch has run <paramref name="more"/> more times than now.</summary>
    private async Task<WatchState> WaitForRunsAsync(int more, TimeSpan? timeout = null)
    {
        var start = (await BotServices.GetRequiredService<IWatchStore>().ListAsync()).SingleOrDefault(s => s.Name == "orders_loads")?.Runs ?? 0;
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(more * 2 + 10));
        while (true)
        {
            var state = (await BotServices.GetRequiredService<IWatchStore>().ListAsync()).SingleOrDefault(s => s.Name == "orders_loads");
            if (state is not null && state.Runs >= start + more && state.LastResult is not null)
            {
                return state;
            }
            Assert.True(DateTime.UtcNow < until, $"The watch did not run {more} more times in time (runs: {state?.Runs}).\n{Slack.Dump()}");
            await Task.Delay(100);
        }
    }

    private IReadOnlyList<SlackCall> ThreadOf(SlackCall headline) =>
        Slack.Calls.Where(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs && c.Succeeded).ToArray();

    private IReadOnlyList<SlackCall> Warnings => Slack.Calls.Where(c => c.IsHeadlinePost && c.Succeeded && c.AllText.Contains("Watch *orders_loads* failed", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task AFreshTable_ChangesNothing_AndTheWatchSaysFresh()
    {
        await Warehouse.LoadAsync();
        var state = await WaitForRunsAsync(3);

        Assert.Equal(WatchResult.Fresh, state.LastResult);
        Assert.NotNull(state.NewestLoad);
        Assert.Equal("INC-1", await SettleAsync());
        var list = await CommandAsync("watches");
        Assert.Contains("*orders_loads* (every 1 s, max age 8 s): fresh; newest load", list.Text);
        Assert.Contains("next run", list.Text);
        Assert.DoesNotContain("not scheduled", list.Text);
    }

    [Fact]
    public async Task WhenLoadsStop_OneIncidentWithinEveryPlusMaxAge_NotOnePerCheck_AndANewLoadPassesAgain()
    {
        await Warehouse.LoadAsync();
        var lastLoad = DateTimeOffset.UtcNow;

        var headline = await Slack.WaitForHeadlineAsync("INC-1", MaxAge + Every + Overhead + TimeSpan.FromSeconds(2));
        Assert.True(headline.At <= lastLoad + MaxAge + Every + Overhead, $"The stale table should be declared within Every + MaxAge; it came {headline.At - lastLoad} after the last load.");
        Assert.True(headline.At >= lastLoad + MaxAge, $"Not before the load is MaxAge old; it came {headline.At - lastLoad} after the last load.");
        Assert.StartsWith("INC-1 [P1] Open: orders_loads: newest load ", headline.Text);
        Assert.Contains("old (max 8 s)", headline.Text);
        Assert.Contains("by watch orders_loads", headline.AllText);
        Assert.Contains("*Data wrong since:*", headline.AllText);
        Assert.Contains("analytics.loads", headline.AllText);

        // Three more stale checks: the same incident, no second one and no note per check.
        await WaitForRunsAsync(3);
        Assert.Equal("INC-2", await SettleAsync());
        Assert.Single(HeadlinesOf("INC-1"));
        Assert.Empty(ThreadOf(headline));
        Assert.Contains("*stale*", (await CommandAsync("watches")).Text);

        await Warehouse.LoadAsync();
        var passing = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("Passing again", StringComparison.Ordinal), "passing again", Every + Overhead + TimeSpan.FromSeconds(4));
        Assert.Contains("verify the data", passing.AllText);
        await WaitForRunsAsync(3);
        Assert.Single(ThreadOf(headline), c => c.AllText.Contains("Passing again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADroppedTable_IsOneWarning_NotAnIncident_AndShowsInHealthAndTheCommand()
    {
        await Warehouse.LoadAsync();
        await Warehouse.DropTableAsync();

        var warning = await Slack.WaitForCallAsync(c => c.IsHeadlinePost && c.AllText.Contains("Watch *orders_loads* failed 3 times in a row", StringComparison.Ordinal), "the warning", TimeSpan.FromSeconds(15));
        Assert.Contains("does not exist", warning.AllText);
        Assert.Contains("not an incident about the data", warning.AllText);
        await WaitForRunsAsync(3);
        Assert.Single(Warnings);
        Assert.Equal("INC-1", await SettleAsync());

        using var health = await Client.GetAsync("/healthz");
        var body = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("watches: Degraded (orders_loads failed", body);
        Assert.DoesNotContain("Password", body, StringComparison.OrdinalIgnoreCase);
        var list = await CommandAsync("watches");
        Assert.Contains("*query failing*", list.Text);
        Assert.Contains("does not exist", list.Text);

        // It recovers: the failures count starts again and a later streak would warn again.
        await Warehouse.ExecuteAsync("CREATE TABLE analytics.loads (loaded_at timestamptz NOT NULL); INSERT INTO analytics.loads VALUES (now());");
        var state = await WaitForRunsAsync(2);
        Assert.Equal(WatchResult.Fresh, state.LastResult);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.False(state.Warned);
    }

    [Fact]
    public async Task APhantomSuccessFromDbtCloud_OpensAP2IncidentWithBothNumbers()
    {
        var day = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero);
        int[] week = [150, 140, 145, 160, 130, 145, 152];
        for (var i = 0; i < week.Length; i++)
        {
            var (status, body) = await AlertRequests.SendAsync(Client, AlertRequests.Post("dbt-cloud", DbtRequests.CompletedRun(i + 1, TimeSpan.FromSeconds(week[i]), day.AddDays(i)), BotSettings.DbtCloudSecret));
            Assert.True(status == HttpStatusCode.Accepted, body);
        }
        await AlertRequests.WaitUntilAppliedAsync(BotServices);

        await AlertRequests.SendAsync(Client, AlertRequests.Post("dbt-cloud", DbtRequests.CompletedRun(8, TimeSpan.FromSeconds(41), day.AddDays(7)), BotSettings.DbtCloudSecret));

        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal("INC-1 [P2] Open: run 8 of dbt Cloud job \"daily_revenue\" took 41 s against a usual 145 s: possible scope reduction", headline.Text);
        // A normal run afterwards: the check passes again.
        await AlertRequests.SendAsync(Client, AlertRequests.Post("dbt-cloud", DbtRequests.CompletedRun(9, TimeSpan.FromSeconds(150), day.AddDays(8)), BotSettings.DbtCloudSecret));
        await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("Passing again", StringComparison.Ordinal), "passing again");
    }

    [Fact]
    public async Task AnUploadedRunResults_BuildingFarFewerModels_IsFlagged_NamingTheModelsItSkipped()
    {
        string[] usual = ["model.shop.stg_orders", "model.shop.stg_payments", "model.shop.fct_orders", "model.shop.fct_revenue_daily", "model.shop.dim_customers", "model.shop.fct_refunds"];
        var day = new DateTimeOffset(2026, 2, 2, 6, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++)
        {
            var (status, body) = await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(DbtRequests.RunResults($"inv-{i}", usual, day.AddDays(i))));
            Assert.True(status == HttpStatusCode.Accepted, body);
        }
        await AlertRequests.WaitUntilAppliedAsync(BotServices);

        await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(DbtRequests.RunResults("inv-9", usual.Take(2), day.AddDays(5))));

        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal("INC-1 [P2] Open: run inv-9 of job nightly built 2 models against a usual 6: possible scope reduction", headline.Text);
        Assert.Contains("model.shop.fct_revenue_daily", headline.AllText);
        Assert.DoesNotContain("model.shop.stg_orders", headline.AllText);
    }

    [Fact]
    public async Task RunResultsUploads_AreRefusedWithTheReason_AndChangeNothing()
    {
        var json = DbtRequests.RunResults("inv-1", ["model.shop.fct_orders"], DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json, token: "not-the-token-at-all-0000"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json, token: null))).Status);
        var noJob = await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json, job: null));
        Assert.Equal(HttpStatusCode.BadRequest, noJob.Status);
        Assert.Contains("?job=", noJob.Body);
        var notRunResults = await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults("""{"nodes": {}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, notRunResults.Status);
        Assert.Contains("not a run_results.json", notRunResults.Body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(DbtRequests.RunResults("big", [new string('m', 600_000)], DateTimeOffset.UtcNow)))).Status);
        var ok = await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json));
        Assert.Equal(HttpStatusCode.Accepted, ok.Status);
        Assert.Contains("\"duplicate\":true", (await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json))).Body);

        await AlertRequests.WaitUntilAppliedAsync(BotServices);
        Assert.Equal("INC-1", await SettleAsync());

        await RestartAsync(s => s["Alerts:Token"] = "");
        var unset = await AlertRequests.SendAsync(Client, DbtRequests.PostRunResults(json));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unset.Status);
        Assert.Contains("Alerts:Token", unset.Body);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class WatchTestsOnSqlite() : WatchTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class WatchTestsOnPostgres() : WatchTests(StorageProvider.Postgres);
