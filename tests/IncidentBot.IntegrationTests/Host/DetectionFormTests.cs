using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// "Data wrong since" in the declaration and resolution forms: the headline shows it, the resolved
/// headline says how long the data was wrong, /metrics counts the time to detect; a time after the
/// detection is refused on its field.
/// </summary>
public abstract class DetectionFormTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task DataWrongSince_FromTheDeclarationForm_ReachesTheHeadlineTheResolutionAndMetrics()
    {
        var wentWrong = DateTimeOffset.UtcNow.AddHours(-60).ToUnixTimeSeconds();
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal(
            "V0WRONG001", "Revenue dashboard shows data as of Feb 8", severity: "P1", category: "StaleData", dataWrongSinceUnix: wentWrong)));
        Assert.Null(reply.Json?["response_action"]);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains($"*Data wrong since:* <!date^{wentWrong}^", headline.AllText);

        var resolved = await SendAsync(Requests.ViewSubmission(FollowUpRequests.ResolveModal("V0WRONGRES1", 1, "Marts rebuilt", dataState: "fresh")));
        Assert.Null(resolved.Json?["response_action"]);
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("RESOLVED", StringComparison.Ordinal), "the resolved headline");
        Assert.Contains("; the data was wrong for 2 d 12 h", edit.AllText);

        var metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains("incidentbot_time_to_detect_seconds_count 1", metrics);
        Assert.Contains("incidentbot_time_to_detect_seconds_bucket{le=\"259200\"} 1", metrics);
        Assert.Contains("incidentbot_time_to_detect_seconds_bucket{le=\"86400\"} 0", metrics);
    }

    [Fact]
    public async Task DataWrongSince_FromTheResolutionForm_IsKept()
    {
        await OpenAsync("INC-1");
        var wentWrong = DateTimeOffset.UtcNow.AddHours(-5).ToUnixTimeSeconds();
        var resolved = await SendAsync(Requests.ViewSubmission(FollowUpRequests.ResolveModal("V0WRONGRES2", 1, "Reloaded", dataState: "fresh", dataWrongSinceUnix: wentWrong)));
        Assert.Null(resolved.Json?["response_action"]);

        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("RESOLVED", StringComparison.Ordinal), "the resolved headline");
        Assert.Contains("; the data was wrong for 5 h", edit.AllText);
        Assert.Contains($"*Data wrong since:* <!date^{wentWrong}^", edit.AllText);
    }

    [Fact]
    public async Task DataWrongSince_AfterTheDetection_IsRefusedOnItsField()
    {
        var detected = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal(
            "V0WRONG002", "orders mart stale", detectedAtUnix: detected, dataWrongSinceUnix: detected + 600)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        Assert.Contains("before the detection time", (string?)reply.Json?["errors"]?[SlackIds.InputDataWrongSince]);
        Assert.Equal("INC-1", await SettleAsync());
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class DetectionFormTestsOnSqlite() : DetectionFormTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class DetectionFormTestsOnPostgres() : DetectionFormTests(StorageProvider.Postgres);
