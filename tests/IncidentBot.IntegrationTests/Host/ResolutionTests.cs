using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Resolving through the headline's Resolve button and the resolution form (the runbook's resolution
/// template): the resolution goes into the thread and the channel, the headline shows Resolved, and
/// the incident is no longer chased until it is reopened.
/// </summary>
public abstract class ResolutionTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2.5);
    private const string EngineeringManagers = "<!subteam^S0EM|@eng-managers>";

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, Cadence, ChaseSettings.Never, ChaseSettings.Never)
            .Escalation(0, "Engineering manager", "NoUpdate", Cadence, EngineeringManagers, "P1");

    [Fact]
    public async Task ResolvingThroughTheForm_PostsTheResolution_ShowsResolved_StopsTheChasing_AndReopenRestartsIt()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var acknowledgedAt = DateTimeOffset.UtcNow;
        var status = await CommandAsync("status INC-1");
        Assert.Contains("*Next update reminder:*", status.AllText);
        Assert.Contains("*Escalation* Engineering manager:", status.AllText);

        // Resolve on the headline opens the form with the click's trigger_id.
        var click = Requests.Button("incident-resolve", 1, headline.ResponseTs!, user: SlackRequests.Bob, label: "Resolve");
        var clicked = await SendAsync(click);
        Assert.Equal(HttpStatusCode.OK, clicked.Status);
        var open = await Slack.WaitForCallAsync(c => c.Method == "views.open", "views.open for the resolution form");
        Assert.Equal(TriggerIdOf(click), open.TriggerId);
        Assert.Equal("incident-resolve-modal", (string?)open.Body["view"]?["callback_id"]);
        Assert.Equal("1", (string?)open.Body["view"]?["private_metadata"]);

        var verifiedAt = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var submitted = await SendAsync(Requests.ViewSubmission(FollowUpRequests.ResolveModal(
            "V0RESOLVE01",
            1,
            summary: "The 05:00 orders load was skipped by the scheduler",
            rootCause: "Airflow pool exhausted after the upgrade",
            fixApplied: "Re-ran the load and doubled the pool",
            verifiedAtUnix: verifiedAt,
            howVerified: "freshness test green, row counts match source",
            dataState: "backfilled",
            backfilledTo: "2025-02-08",
            postmortemNeeded: true), user: SlackRequests.Bob));
        var resolvedAt = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Null(submitted.Json?["response_action"]);
        Assert.True(submitted.Elapsed < AnswerBudget, $"The submission should be answered within {AnswerBudget.TotalSeconds} s; {submitted}");
        Assert.True(resolvedAt < acknowledgedAt + Cadence - TimeSpan.FromSeconds(0.5),
            $"The test needs the incident resolved before its first reminder is due; it took {(resolvedAt - acknowledgedAt).TotalSeconds:0.0} s.");

        var resolution = await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution in the thread");
        Assert.Equal(headline.ResponseTs, resolution.ThreadTs);
        Assert.True(resolution.ReplyBroadcast, $"The resolution goes to the channel too; {resolution}");
        Assert.Contains("*RESOLVED -- Data Incident INC-1*", resolution.AllText);
        Assert.Contains("*Summary:* The 05:00 orders load was skipped by the scheduler", resolution.AllText);
        Assert.Contains("*Root cause:* Airflow pool exhausted after the upgrade", resolution.AllText);
        Assert.Contains("*Fix applied:* Re-ran the load and doubled the pool", resolution.AllText);
        Assert.Contains("*Data is now:* backfilled to 2025-02-08", resolution.AllText);
        Assert.Contains($"<!date^{verifiedAt}^", resolution.AllText);
        Assert.Contains("freshness test green, row counts match source", resolution.AllText);

        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.Sequence > resolution.Sequence && (c.Text ?? "").StartsWith("INC-1 [P1] Resolved:", StringComparison.Ordinal), "the headline edited to Resolved");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        Assert.Equal(FakeSlackApi.IncidentsChannelId, edit.Channel);
        Assert.Contains("*RESOLVED -- Data Incident*", edit.AllText);
        Assert.Contains(":white_check_mark: INC-1 · P1", edit.AllText);
        Assert.NotNull(edit.Element("incident-reopen"));
        Assert.Null(edit.Element("incident-resolve"));
        Assert.Null(edit.Element("incident-post-update"));

        // The reminder (acknowledgement + 3 s) and the escalation (declaration + 3 s) were both
        // pending; wait two cadences past them, then nothing may have chased the incident.
        await ChaseCalls.DelayUntilAsync(acknowledgedAt + 2 * Cadence + TimeSpan.FromSeconds(1));
        await SettleAsync();
        Assert.True(Slack.Calls.All(c => !c.IsChaseFor("INC-1")), $"A resolved incident is not chased.\n{Slack.Dump()}");

        var beforeReopen = DateTimeOffset.UtcNow;
        var reopened = await CommandAsync("reopen INC-1", user: SlackRequests.Bob);
        var afterReopen = DateTimeOffset.UtcNow;
        Assert.Contains("INC-1: Resolved -> Investigating", reopened.Text);

        var reminder = (await Slack.WaitForRemindersAsync("INC-1", 1, Cadence + TimeSpan.FromSeconds(10)))[0];
        ChaseCalls.AssertArrivedBetween(reminder, beforeReopen + Cadence, afterReopen + Cadence + Lateness, "The first reminder after reopening", Slack);
        Assert.Equal(headline.ResponseTs, reminder.ThreadTs);
        Assert.Contains($"<@{SlackRequests.Bob}>, a status update on *INC-1*", reminder.AllText);
    }

    [Fact]
    public async Task AnEscalationThatFiredBeforeTheResolution_FiresOnceMoreAfterAReopen_CountedFromTheReopening()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // No update for a cadence: the engineering manager is told.
        var first = await Slack.WaitForCallAsync(c => c.IsEscalationFor("INC-1"), "the first escalation", Cadence + TimeSpan.FromSeconds(10));
        Assert.Contains(EngineeringManagers, first.AllText);
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the load", user: SlackRequests.Bob);

        var beforeReopen = DateTimeOffset.UtcNow;
        await CommandAsync("reopen INC-1 the mart went stale again", user: SlackRequests.Bob);
        var afterReopen = DateTimeOffset.UtcNow;

        var escalations = await Slack.WaitForAsync(calls => calls.Count(c => c.IsEscalationFor("INC-1")) >= 2, "the escalation after the reopening", Cadence + TimeSpan.FromSeconds(10));
        var second = escalations.Where(c => c.IsEscalationFor("INC-1")).ElementAt(1);
        ChaseCalls.AssertArrivedBetween(second, beforeReopen + Cadence, afterReopen + Cadence + Lateness, "The escalation after the reopening", Slack);
        Assert.Contains(EngineeringManagers, second.AllText);
        // Once per round: two cadences on, still two.
        await ChaseCalls.DelayUntilAsync(afterReopen + 2 * Cadence + TimeSpan.FromSeconds(1));
        await SettleAsync();
        Assert.Equal(2, Slack.EscalationsFor("INC-1").Count);
    }

    [Fact]
    public async Task AP3FixedByItsDeclarer_IsResolvedStraightFromOpen_ByButtonFormOrCommand_AndTheResolverTookIt()
    {
        var headline = await OpenAsync("INC-1", "open P3 typo in the churn dashboard label");
        Assert.NotNull(headline.Element("incident-resolve"));
        var click = Requests.Button("incident-resolve", 1, headline.ResponseTs!, label: "Resolve");
        await SendAsync(click);
        var open = await Slack.WaitForCallAsync(c => c.Method == "views.open", "views.open for the resolution form from Open");
        Assert.Equal("incident-resolve-modal", (string?)open.Body["view"]?["callback_id"]);

        await CommandAsync("resolve INC-1 label fixed in the BI tool");

        var resolution = await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution of an incident nobody acknowledged");
        Assert.Contains("*RESOLVED -- Data Incident INC-1*", resolution.AllText);
        var (state, acknowledgedBy, acknowledged, resolved) = (
            await Database.ScalarAsync<string>("SELECT state FROM incidents WHERE number = 1"),
            await Database.ScalarAsync<string>("SELECT acknowledged_by FROM incidents WHERE number = 1"),
            await Database.ScalarAsync<long?>("SELECT acknowledged_at FROM incidents WHERE number = 1"),
            await Database.ScalarAsync<long?>("SELECT resolved_at FROM incidents WHERE number = 1"));
        Assert.Equal("Resolved", state);
        Assert.Equal(SlackRequests.Alice, acknowledgedBy);
        Assert.NotNull(resolved);
        Assert.Equal(resolved, acknowledged);
        Assert.Equal(1, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM timeline WHERE incident_number = 1 AND text = 'Took the incident to resolve it'"));
    }

    /// <summary>The trigger_id inside a block_actions request (form field <c>payload</c>).</summary>
    private static string? TriggerIdOf(SlackRequest request)
    {
        var payload = WebUtility.UrlDecode(request.BodyText["payload=".Length..]);
        return (string?)JsonNode.Parse(payload)?["trigger_id"];
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ResolutionTestsOnSqlite() : ResolutionTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ResolutionTestsOnPostgres() : ResolutionTests(StorageProvider.Postgres);
