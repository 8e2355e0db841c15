using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Slack retries what it thinks was lost; a retry must change nothing the second time.</summary>
public abstract class RedeliveryTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task TheSameSignedCommandSentTwice_DeclaresOneIncidentWithOneHeadline()
    {
        var command = Requests.Command("open P1 orders mart stale since 06:00");

        var first = await SendAsync(command);
        var retry = await SendAsync(command);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Contains("INC-1", first.Text);
        Assert.DoesNotContain("INC-2", retry.Text);
        await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal("INC-2", await SettleAsync());
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task TheSameSignedUpdateSentTwice_PostsItOnce()
    {
        await OpenAsync("INC-1");
        var update = Requests.Command("update INC-1 backfill running");

        await SendAsync(update);
        var retry = await SendAsync(update);

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        await SettleAsync();
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.ThreadTs is not null && c.AllText.Contains("backfill running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventRedeliveredWithTheSameEventId_IsAnswered200BothTimes()
    {
        var first = await SendAsync(Requests.AppMention("Ev0INCIDENT1"));
        var redelivery = await SendAsync(Requests.AppMention("Ev0INCIDENT1", retryNum: 1));
        var third = await SendAsync(Requests.AppMention("Ev0INCIDENT1", retryNum: 2));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, redelivery.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.True(redelivery.Elapsed < AnswerBudget, $"A redelivery should be answered within {AnswerBudget.TotalSeconds} s; {redelivery}");
        Assert.Equal("INC-1", await SettleAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);
    }

    [Fact]
    public async Task UrlVerification_AnswersWithTheChallenge()
    {
        var reply = await SendAsync(Requests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)reply.Json?["challenge"]);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class RedeliveryTestsOnSqlite() : RedeliveryTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class RedeliveryTestsOnPostgres() : RedeliveryTests(StorageProvider.Postgres);
