using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Slack retries what it thinks was lost; a retry must change nothing the second time.</summary>
public abstract class RedeliveryTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Finding = "Found it: the 05:00 dbt run skipped fct_orders";

    private static SlackRequest Retry(SlackRequest request, int retryNum) =>
        request.WithHeader(SlackHeaders.RetryNum, retryNum.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithHeader(SlackHeaders.RetryReason, "http_timeout");

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

    [Theory]
    [InlineData("upper")]
    [InlineData("mixed")]
    public async Task TheSameSignedCommandReplayedWithItsSignatureInAnotherLetterCase_ChangesNothingTheSecondTime(string spelling)
    {
        await OpenAsync("INC-1");
        var update = Requests.Command("update INC-1 backfill running");
        var action = Requests.Command("action INC-1 add <@U0BOB> +3d add a freshness test");

        foreach (var captured in new[] { update, action })
        {
            await SendAsync(captured);
            var replay = await SendAsync(captured.WithHeader(SlackHeaders.Signature, Respell(captured.Headers[SlackHeaders.Signature], spelling)));
            Assert.Equal(HttpStatusCode.OK, replay.Status);
        }

        await SettleAsync();
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.ThreadTs is not null && c.AllText.Contains("backfill running", StringComparison.Ordinal));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM action_items WHERE incident_number = 1"));
    }

    /// <summary>The same hex digits spelled otherwise: all upper case, or every other letter upper case.</summary>
    private static string Respell(string signature, string spelling)
    {
        var hex = signature["v0=".Length..];
        var respelled = spelling == "upper"
            ? hex.ToUpperInvariant()
            : string.Concat(hex.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c));
        Assert.NotEqual(hex, respelled);
        return "v0=" + respelled;
    }

    [Fact]
    public async Task APinRedeliveredWithTheSameEventId_IsAnswered200EachTime_AndPinsTheMessageOnce()
    {
        var headline = await OpenAsync("INC-1");
        // Replies count as the incident's once the bot has stored where its headline is.
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.NowTs();
        var kept = await SendAsync(Requests.ThreadReply("Ev0MSGREDO1", headline.ResponseTs!, ts, Carol, Finding));
        Assert.Equal(HttpStatusCode.OK, kept.Status);

        // Slack redelivers with the same event_id; each delivery is built afresh (its own event_ts
        // and signature), so only the event_id says it is the same event.
        var first = await SendAsync(Requests.Reaction("Ev0INCIDENT1", "pushpin", ts, SlackRequests.Bob));
        var redelivery = await SendAsync(Retry(Requests.Reaction("Ev0INCIDENT1", "pushpin", ts, SlackRequests.Bob), 1));
        var third = await SendAsync(Retry(Requests.Reaction("Ev0INCIDENT1", "pushpin", ts, SlackRequests.Bob), 2));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, redelivery.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.True(redelivery.Elapsed < AnswerBudget, $"A redelivery should be answered within {AnswerBudget.TotalSeconds} s; {redelivery}");
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM timeline WHERE incident_number = 1 AND text LIKE 'Pinned by %'"));
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.Single(markdown.Split('\n'), line => line.Contains($"Pinned by {SlackRequests.Bob}: {Finding}", StringComparison.Ordinal));
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
