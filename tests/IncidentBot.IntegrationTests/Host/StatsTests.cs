using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/incident stats</c> against a small data set seeded through Slack, computed by hand. Each
/// incident is declared through the form with a detection time minutes in the past, so its time to
/// acknowledge and to resolve is those minutes plus the second or two the test takes: whole minutes,
/// known in advance, compared exactly.
/// </summary>
public abstract class StatsTests(StorageProvider provider) : BotTestBase(provider)
{
    /// <summary>Half a minute past the whole minute: the test's own seconds never tip a duration into the next minute.</summary>
    private static readonly TimeSpan Past = TimeSpan.FromSeconds(30);

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never)
            // The first NotAcknowledged rule is the acknowledgement target of the SLA: 1 h, met by
            // every acknowledgement here; it never fires while the test runs.
            .Escalation(0, "Acknowledgement target", "NotAcknowledged", TimeSpan.FromHours(1), "<!subteam^S0ONCALL|@data-oncall>", "P0", "P1")
            // Unacknowledged P2 incidents escalate after a second, so the data set has an escalation.
            .Escalation(1, "Backup on-call", "NotAcknowledged", TimeSpan.FromSeconds(1), ChaseSettings.BackupGroup, "P2");

    [Fact]
    public async Task Stats_MatchAHandComputationOverASeededDataSet()
    {
        var empty = await CommandAsync("stats");
        Assert.Equal("*Incidents in the last 30 days: 0*\nNothing to measure yet.", empty.Text);

        // The data set (no settling incidents here: they would be counted too), detected so long before
        // it was declared; the acknowledgement and resolution follow within seconds:
        // INC-1  P1 Stale Data        marts.fct_orders                      20 min  acknowledged, resolved
        // INC-2  P1 Stale Data        marts.fct_orders, Revenue dashboard    5 min  acknowledged, resolved
        // INC-3  P2 Pipeline Failure                                         1 min  never acknowledged: escalated
        // INC-4  P0 Data Loss                                               40 min  acknowledged, cancelled
        await DeclareThroughTheFormAsync("INC-1", "V0STATS01", "orders mart stale since 06:00", "P1", "StaleData", "marts.fct_orders", TimeSpan.FromMinutes(20));
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the skipped load", user: SlackRequests.Bob);
        await DeclareThroughTheFormAsync("INC-2", "V0STATS02", "orders mart stale again", "P1", "StaleData", "marts.fct_orders, Revenue dashboard", TimeSpan.FromMinutes(5));
        await CommandAsync("ack INC-2", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-2 re-ran the load once more", user: SlackRequests.Bob);
        await DeclareThroughTheFormAsync("INC-3", "V0STATS03", "nightly dbt run failed", "P2", "PipelineFailure", null, TimeSpan.FromMinutes(1));
        await DeclareThroughTheFormAsync("INC-4", "V0STATS04", "order rows deleted by a backfill", "P0", "DataLoss", null, TimeSpan.FromMinutes(40));
        await CommandAsync("ack INC-4", user: SlackRequests.Bob);
        var cancelled = await CommandAsync("cancel INC-4 false alarm, the rows were there", user: SlackRequests.Bob);
        Assert.Contains("INC-4 cancelled", cancelled.Text);
        await Slack.WaitForCallAsync(c => c.IsEscalationFor("INC-3"), "the escalation of the unacknowledged INC-3", TimeSpan.FromSeconds(15));

        var stats = (await CommandAsync("stats")).Text;

        Assert.Equal(
            [
                // Cancelled ones included.
                "*Incidents in the last 30 days: 4*",
                // P0 first, zeros left out: P0 (INC-4), P1 (INC-1, INC-2), P2 (INC-3).
                "*By severity:* P0 1 · P1 2 · P2 1",
                // The runbook's order: Pipeline Failure (INC-3), Stale Data (INC-1, INC-2), Data Loss (INC-4).
                "*By category:* Pipeline Failure 1 · Stale Data 2 · Data Loss 1",
                // Acknowledged after 5 (INC-2), 20 (INC-1) and 40 (INC-4) min: median the 2nd, p90 (nearest rank 3) the 3rd.
                "*MTTA* (detected → acknowledged): median 20 min, p90 40 min",
                // Resolved after 5 (INC-2) and 20 (INC-1) min: median rank 1, p90 rank 2.
                "*MTTR* (detected → resolved): median 5 min, p90 20 min",
                // 1 escalated (INC-3) of 4.
                "*Escalation rate:* 25 % (1 of 4)",
                // INC-2 shares category and an asset with INC-1, declared before it.
                "*Repeat incidents* (same category and asset within 30 days): 1",
                // Over the 3 not cancelled: INC-1 and INC-2 acknowledged within the hour, INC-3 never.
                // None says since when its data was wrong, so detection neither shows (no MTTD line) nor counts.
                "*SLA compliance* (detected within 1 h where known, acknowledged within 1 h, updates on time): 67 % (2 of 3)",
            ],
            stats.Split('\n'));

        var week = await CommandAsync("stats 7d");
        Assert.Equal(stats.Replace("last 30 days", "last 7 days", StringComparison.Ordinal), week.Text);
    }

    private async Task DeclareThroughTheFormAsync(string reference, string viewId, string title, string severity, string category, string? affected, TimeSpan detectedAgo)
    {
        var detectedAt = (DateTimeOffset.UtcNow - detectedAgo - Past).ToUnixTimeSeconds();
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal(viewId, title, severity, category, affected: affected, detectedAtUnix: detectedAt)));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Json?["response_action"]);
        await Slack.WaitForHeadlineAsync(reference);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class StatsTestsOnSqlite() : StatsTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class StatsTestsOnPostgres() : StatsTests(StorageProvider.Postgres);
