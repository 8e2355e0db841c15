using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>A private Incidents:Channel cannot be joined: the bot says so on /healthz (still 200) until it is invited.</summary>
[Collection(HostCollection.Sqlite)]
public sealed class ChannelMembershipTests() : OwnHostsTestBase(StorageProvider.Sqlite)
{
    [Fact]
    public async Task APrivateChannelTheBotIsNotIn_IsReportedOnHealthz_WithHowToFixIt()
    {
        Slack.FailAlways("conversations.join", CannedResponse.Error("method_not_supported_for_channel_type"));
        Slack.FailAlways("conversations.info", CannedResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = "G0PRIVATE1", ["is_member"] = false } }));
        var settings = Settings();
        settings["Incidents:Channel"] = "G0PRIVATE1";

        var bot = await StartInProcessAsync(settings);

        var body = "";
        await StoredState.WaitUntilAsync(async () =>
        {
            using var health = await bot.Client.GetAsync("/healthz");
            body = await health.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            return body.Contains("invite", StringComparison.OrdinalIgnoreCase);
        }, "a /healthz line telling to invite the bot");
        Assert.Contains("channel: Degraded", body);
        Assert.Contains("G0PRIVATE1", body);
        Assert.Equal("G0PRIVATE1", Assert.Single(Slack.SilentCalls, c => c.Method == "conversations.join").Channel);
    }
}
