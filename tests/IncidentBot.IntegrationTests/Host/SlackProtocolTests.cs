using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>The Slack protocol details real workspaces hit: each test here fails without its fix.</summary>
public abstract class SlackProtocolTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";

    protected override void Configure(Dictionary<string, string?> settings) => settings["Slack:TeamId"] = SlackRequests.TeamId;

    [Fact]
    public async Task UnsignedSslCheckOnCommands_Gets200_ButNothingElseGoesUnsigned()
    {
        var probe = await SendAsync(Requests.Raw("/slack/commands", "ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO", signing: Signing.Unsigned));
        var smuggled = await SendAsync(Requests.Raw("/slack/commands", "ssl_check=1&command=%2Fincident&text=open+P0+forged&user_id=U0EVE&team_id=T0001", signing: Signing.Unsigned));
        var elsewhere = await SendAsync(Requests.Raw("/slack/interactions", "ssl_check=1", signing: Signing.Unsigned));

        Assert.Equal(HttpStatusCode.OK, probe.Status);
        Assert.Equal(HttpStatusCode.OK, smuggled.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.Status);
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Theory]
    [InlineData("""{"type":"event_callback","team_id":"T0OTHER","api_app_id":"A0INCIDENTBOT","event_id":"Ev0FOREIGN","event":{"type":"app_mention"}}""")]
    [InlineData("""{"type":"event_callback","team_id":"T0001","api_app_id":"A0INCIDENTBOT","event":{"type":"app_mention"}}""")]
    [InlineData("""{"type":"app_rate_limited","team_id":"T0001","minute_rate_limited":1518467820,"api_app_id":"A0INCIDENTBOT"}""")]
    public async Task ASignedEventTheBotCannotUse_Gets200WithNoRetry(string json)
    {
        using var message = Requests.Raw("/slack/events", json, "application/json").ToHttpRequest();
        using var response = await Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.TryGetValues("X-Slack-No-Retry", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task AnEventFromASharedChannel_IsAdmittedByTheAppsInstallation_NotTheSendersTeam()
    {
        var headline = await OpenAsync("INC-1");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.Ts(DateTimeOffset.UtcNow);

        // Carol is in another organisation's workspace: team_id is hers; authorizations name the installation.
        var reply = await SendAsync(Shared(Requests.ThreadReply("Ev0SHARED1", headline.ResponseTs!, ts, Carol, "rows &lt; 100 &amp; falling")));
        var pin = await SendAsync(Shared(Requests.Reaction("Ev0SHARED2", "pushpin", ts, SlackRequests.Bob)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(HttpStatusCode.OK, pin.Status);
        using var postmortem = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await postmortem.Content.ReadAsStringAsync();
        // Kept as Carol wrote it (Slack sent it escaped once), so each output escapes it once.
        Assert.Contains($"Pinned by {SlackRequests.Bob}: rows &lt; 100 &amp; falling", markdown);
        Assert.DoesNotContain("&amp;lt;", markdown);
        var status = await CommandAsync("status INC-1");
        Assert.Contains("rows &lt; 100 &amp; falling", status.AllText);
        Assert.DoesNotContain("&amp;lt;", status.AllText);
    }

    [Fact]
    public async Task UserTextIsSentVerbatim_SoABareAtHereIsNoMention()
    {
        var headline = await OpenAsync("INC-1", "open P1 @here orders mart stale, tell @channel");

        var texts = headline.Blocks().SelectMany(Mrkdwn).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.True((bool?)t["verbatim"] == true, $"Every mrkdwn text object is verbatim: {t.ToJsonString()}"));
        Assert.Contains(texts, t => ((string?)t["text"])!.Contains("@here orders mart stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALinkToTheThread_IsTheOneSlackGave()
    {
        var headline = await OpenAsync("INC-1");

        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var status = await CommandAsync("status INC-1");

        var permalink = Assert.Single(Slack.SilentCalls, c => c.Method == "chat.getPermalink");
        Assert.Equal(headline.ResponseTs, (string?)permalink.Body["message_ts"]);
        Assert.Contains($"<https://example.slack.com/archives/{FakeSlackApi.IncidentsChannelId}/p", status.AllText);
        Assert.DoesNotContain("https://slack.com/archives", status.AllText);
        await CommandAsync("status INC-1");
        Assert.Single(Slack.SilentCalls, c => c.Method == "chat.getPermalink");
    }

    [Fact]
    public async Task AnAnswerWhoseResponseUrlExpired_IsGivenUp()
    {
        var expired = $"{Slack.HooksBaseUrl}commands/T0001/1/expired";
        var queued = StoredState.UnixMs(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(31));
        await Database.ExecuteAsync(
            "INSERT INTO outbox (kind, user_id, text, response_url, dedup_key, next_attempt_at, created_at) VALUES ('Respond', 'U0ALICE', 'late answer', @Url, 'reply:expired', @At, @At)",
            new { Url = expired, At = queued });

        await SettleAsync();
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<string>("SELECT status FROM outbox WHERE dedup_key = 'reply:expired'") == "failed", "the expired answer given up");

        Assert.Empty(Slack.AnswersTo(expired));
        Assert.Equal("expired_url", await Database.ScalarAsync<string>("SELECT last_error FROM outbox WHERE dedup_key = 'reply:expired'"));
    }

    [Fact]
    public async Task TheBotJoinedItsChannelAtStart()
    {
        await StoredState.WaitUntilAsync(() => Task.FromResult(Slack.SilentCalls.Any(c => c.Method == "conversations.join")), "conversations.join");
        var join = Assert.Single(Slack.SilentCalls, c => c.Method == "conversations.join");
        Assert.Equal(FakeSlackApi.IncidentsChannelId, join.Channel);
    }

    private SlackRequest Shared(SlackRequest request)
    {
        var json = JsonNode.Parse(request.BodyText)!.AsObject();
        json["team_id"] = "T0OTHERORG";
        json["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackRequests.TeamId, ["user_id"] = "U0INCIDENTBOT", ["is_bot"] = true });
        return Requests.Raw("/slack/events", json.ToJsonString(), "application/json");
    }

    private static IEnumerable<JsonObject> Mrkdwn(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "mrkdwn" && o["text"] is JsonValue => [o],
        JsonObject o => o.SelectMany(p => Mrkdwn(p.Value)),
        JsonArray a => a.SelectMany(Mrkdwn),
        _ => [],
    };
}

[Collection(HostCollection.Sqlite)]
public sealed class SlackProtocolTestsOnSqlite() : SlackProtocolTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SlackProtocolTestsOnPostgres() : SlackProtocolTests(StorageProvider.Postgres);
