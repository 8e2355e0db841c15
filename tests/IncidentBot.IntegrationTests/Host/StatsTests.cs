using System.Net;
using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/incident stats</c> against a small data set seeded through Slack, computed by hand. Times are
/// real, so only what does not depend on them is compared exactly; MTTA and MTTR are checked for
/// being measured at all.
/// </summary>
public abstract class StatsTests(StorageProvider provider) : BotTestBase(provider)
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never)
            // Unacknowledged P2 incidents escalate after a second, so the data set has an escalation.
            .Escalation(0, "Backup on-call", "NotAcknowledged", TimeSpan.FromSeconds(1), ChaseSettings.BackupGroup, "P2");

    [Fact]
    public async Task Stats_MatchAHandComputationOverASeededDataSet()
    {
        var empty = await CommandAsync("stats");
        Assert.Equal("*Incidents in the last 30 days: 0*\nNothing to measure yet.", empty.Text);

        // The data set (no settling incidents here: they would be counted too):
        // INC-1  P1 Stale Data        marts.fct_orders                      acknowledged, resolved
        // INC-2  P1 Stale Data        marts.fct_orders, Revenue dashboard   acknowledged, open
        // INC-3  P2 Pipeline Failure                                        never acknowledged: escalated
        // INC-4  P0 Data Loss                                               acknowledged, cancelled
        await DeclareThroughTheFormAsync("INC-1", "V0STATS01", "orders mart stale since 06:00", "P1", "StaleData", "marts.fct_orders");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the skipped load", user: SlackRequests.Bob);
        await DeclareThroughTheFormAsync("INC-2", "V0STATS02", "orders mart stale again", "P1", "StaleData", "marts.fct_orders, Revenue dashboard");
        await CommandAsync("ack INC-2", user: SlackRequests.Bob);
        await OpenAsync("INC-3", "open P2 pipeline-failure nightly dbt run failed");
        await OpenAsync("INC-4", "open P0 data-loss order rows deleted by a backfill");
        await CommandAsync("ack INC-4", user: SlackRequests.Bob);
        var cancelled = await CommandAsync("cancel INC-4 false alarm, the rows were there", user: SlackRequests.Bob);
        Assert.Contains("INC-4 cancelled", cancelled.Text);
        await Slack.WaitForCallAsync(c => c.IsEscalationFor("INC-3"), "the escalation of the unacknowledged INC-3", TimeSpan.FromSeconds(15));

        var stats = (await CommandAsync("stats")).Text;
        var lines = stats.Split('\n');

        // Total: 4 incidents declared in the last 30 days, cancelled ones included.
        Assert.Equal("*Incidents in the last 30 days: 4*", lines[0]);
        // By severity, P0 first, zeros left out: P0 (INC-4), P1 (INC-1, INC-2), P2 (INC-3).
        Assert.Contains("*By severity:* P0 1 · P1 2 · P2 1", lines);
        // By category in the runbook's order: Pipeline Failure (INC-3), Stale Data (INC-1, INC-2), Data Loss (INC-4).
        Assert.Contains("*By category:* Pipeline Failure 1 · Stale Data 2 · Data Loss 1", lines);
        // MTTA over the three acknowledged incidents, MTTR over the one resolved: each a few seconds.
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\*MTTA\* \(detected → acknowledged\): median [0-9]+ s, p90 [0-9]+ s$"));
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\*MTTR\* \(detected → resolved\): median [0-9]+ s, p90 [0-9]+ s$"));
        // Escalation rate: 1 escalated (INC-3) of 4.
        Assert.Contains("*Escalation rate:* 25 % (1 of 4)", lines);
        // Repeats: INC-2 shares category and an asset with INC-1, declared before it.
        Assert.Contains("*Repeat incidents* (same category and asset within 30 days): 1", lines);
        // SLA: measured over the 3 incidents that were not cancelled (how many met it depends on timing).
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\*SLA compliance\* \(acknowledged within 1 s, updates on time\): [0-9]+ % \([0-3] of 3\)$"));

        var week = await CommandAsync("stats 7d");
        Assert.StartsWith("*Incidents in the last 7 days: 4*", week.Text);
    }

    private async Task DeclareThroughTheFormAsync(string reference, string viewId, string title, string severity, string category, string affected)
    {
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal(viewId, title, severity, category, affected: affected)));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Json?["response_action"]);
        await Slack.WaitForHeadlineAsync(reference);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class StatsTestsOnSqlite() : StatsTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class StatsTestsOnPostgres() : StatsTests(StorageProvider.Postgres);
