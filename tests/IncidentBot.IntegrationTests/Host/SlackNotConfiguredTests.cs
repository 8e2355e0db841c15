using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Installing in two steps: the bot starts and is healthy before the Slack app exists. Without a
/// signing secret it cannot tell Slack from anyone else, so every Slack endpoint answers 503 and
/// nothing is stored; without a bot token it accepts and records everything, and its messages wait in
/// the outbox until a restart with the token sends them.
/// </summary>
public abstract class SlackNotConfiguredTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    [Fact]
    public async Task WithoutASigningSecret_TheBotIsHealthy_AndEverySlackEndpointAnswers503AndStoresNothing()
    {
        var settings = Settings();
        settings["Slack:SigningSecret"] = "";
        var bot = await StartInProcessAsync(settings);

        using var health = await bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Requests as Slack would sign them once the secret is known: a declaration, an acknowledgement
        // click and a pin. Each would change something if it were let through.
        var refused = new[]
        {
            Requests.Command("open P0 revenue dashboard wiped"),
            Requests.Button("incident-acknowledge", 1, "1700000000.000100", user: SlackRequests.Bob),
            Requests.Reaction("Ev0NOSECRET1", "pushpin", "1700000000.000200", SlackRequests.Bob),
            Requests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"),
        };
        foreach (var request in refused)
        {
            var reply = await BotTestBase.SendAsync(bot.Client, request);

            Assert.True(reply.Status == HttpStatusCode.ServiceUnavailable, $"{request.Path} without a signing secret should answer 503; got {reply}");
            Assert.Contains("Slack:SigningSecret", reply.Body);
            Assert.DoesNotContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", reply.Body);
        }

        // Configured and restarted against the same database: had any refused request been stored, the
        // inbox would apply it now, and this declaration would not be INC-1 or not alone in Slack.
        await StopAsync(bot);
        var configured = await StartInProcessAsync(Settings());
        var declared = await BotTestBase.SendAsync(configured.Client, Requests.Command("open P3 first incident after the secret was set"), Slack);
        Assert.Contains("Declared *INC-1*", declared.Text);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Contains("first incident after the secret was set", headline.AllText);
        Assert.Equal("INC-2", await SettleAsync(configured));
        Assert.True(Slack.Calls.Count == 4, $"Only the two declarations made after the restart should reach Slack (a headline and an answer each).\n{Slack.Dump()}");
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains("revenue dashboard wiped", StringComparison.Ordinal) || c.AllText.Contains(SlackRequests.Bob, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutABotToken_CommandsAreAppliedAndAnsweredLater_AndTheirMessagesWaitForTheToken()
    {
        var settings = Settings();
        settings["Slack:BotToken"] = "";
        var bot = await StartInProcessAsync(settings);
        var open = Requests.Command("open P1 orders mart stale since 06:00");
        var ack = Requests.Command("ack INC-1", user: SlackRequests.Bob);

        var declared = await BotTestBase.SendAsync(bot.Client, open);
        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Equal("", declared.Body);
        // Read-only commands answer inline, so the bot can say what it recorded without Slack.
        var status = await WaitForStatusAsync(bot, "INC-1", "orders mart stale since 06:00");
        Assert.Contains("not acknowledged yet", status.AllText);
        var acknowledged = await BotTestBase.SendAsync(bot.Client, ack);
        Assert.Equal(HttpStatusCode.OK, acknowledged.Status);
        await WaitForStatusAsync(bot, "INC-1", $"*Owner:* <@{SlackRequests.Bob}>");

        // Ten outbox polls later nothing has gone out: the messages are queued, not lost or failed.
        await ChaseCalls.DelayUntilAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        Assert.True(Slack.Calls.Count == 0, $"Without a bot token nothing may reach Slack.\n{Slack.Dump()}");
        // The headline, the note that Bob acknowledged, the headline edit and the two answers.
        Assert.Equal(5L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status <> 'pending'"));

        // The operator sets the token and restarts: everything goes out, once, with the token.
        await StopAsync(bot);
        var configured = await StartInProcessAsync(Settings());
        var headline = await Slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(20));
        await Slack.WaitForAsync(
            calls => calls.Any(c => c.Url == open.ResponseUrl) && calls.Any(c => c.Url == ack.ResponseUrl),
            "the answers to the open and ack commands at their response_urls", TimeSpan.FromSeconds(20));
        Assert.StartsWith("Declared *INC-1* (P1 High, Stale Data)", (string?)Slack.AnswersTo(open.ResponseUrl).Single().Body["text"]);
        Assert.Equal("You acknowledged INC-1; you are its responder now.", (string?)Slack.AnswersTo(ack.ResponseUrl).Single().Body["text"]);
        var note = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("acknowledged INC-1", StringComparison.Ordinal), "the acknowledgement note in the thread");
        Assert.Equal($":eyes: {SlackRequests.Bob} acknowledged INC-1 and is investigating.", note.Text);
        Assert.All(Slack.Calls.Where(c => c.Method != FakeSlackApi.ResponseUrlMethod), c => Assert.Equal("Bearer " + BotSettings.BotToken, c.Authorization));
        Assert.Equal("INC-2", await SettleAsync(configured));
        Assert.Single(HeadlinesOf("INC-1"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'failed'"));
    }



    /// <summary>Polls the inline <c>/incident status INC-n</c> until it shows <paramref name="expected"/>.</summary>
    private async Task<SlackReply> WaitForStatusAsync(InProcessBot bot, string reference, string expected)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var status = await BotTestBase.SendAsync(bot.Client, Requests.Command($"status {reference}"));
            if (status.AllText.Contains(expected, StringComparison.Ordinal))
            {
                return status;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"/incident status {reference} never showed \"{expected}\"; last: {status}");
            await Task.Delay(20);
        }
    }

    /// <summary>A throwaway declaration, answered through Slack; returns the reference it got.</summary>
    private async Task<string> SettleAsync(InProcessBot bot)
    {
        var reply = await BotTestBase.SendAsync(bot.Client, Requests.Command($"open P3 settling incident {Guid.NewGuid():N}", user: "U0SETTLE"), Slack);
        var reference = System.Text.RegularExpressions.Regex.Match(reply.Text, "INC-[0-9]+").Value;
        await Slack.WaitForHeadlineAsync(reference);
        return reference;
    }

    private IReadOnlyList<SlackCall> HeadlinesOf(string reference) => Slack.Headlines.Where(c => c.Mentions(reference)).ToArray();
}

[Collection(HostCollection.Sqlite)]
public sealed class SlackNotConfiguredTestsOnSqlite() : SlackNotConfiguredTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SlackNotConfiguredTestsOnPostgres() : SlackNotConfiguredTests(StorageProvider.Postgres);
