using System.Net;
using System.Text;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Mistyped commands get a private explanation of how to do it right, never a 5xx (Slack would show
/// "dispatch_failed") and never a change; malformed or oversized requests get 400 and 413.
/// </summary>
public abstract class BadInputTests(StorageProvider provider) : BotTestBase(provider)
{
    [Theory]
    [InlineData("frobnicate INC-1", "`/incident help`")]
    [InlineData("status INC-999", "There is no incident INC-999")]
    [InlineData("update INC-999 backfill running", "There is no incident INC-999")]
    [InlineData("ack INC-999", "There is no incident INC-999")]
    [InlineData("severity INC-1 P7", "P0, P1, P2 or P3")]
    [InlineData("severity INC-1", "e.g. `/incident severity INC-1 P1`")]
    [InlineData("update", "e.g. `/incident update INC-42")]
    [InlineData("update #42 backfill running", "References look like INC-42")]
    [InlineData("open P7 orders mart stale", "Use P0 (critical), P1 (high), P2 (medium) or P3 (low)")]
    [InlineData("open P-1 orders mart stale", "Use P0 (critical), P1 (high), P2 (medium) or P3 (low)")]
    [InlineData("open P1.0 orders mart stale", "Use P0 (critical), P1 (high), P2 (medium) or P3 (low)")]
    [InlineData("open S1 orders mart stale", "Use P0 (critical), P1 (high), P2 (medium) or P3 (low)")]
    [InlineData("open P1", "needs a title")]
    public async Task AMistypedCommand_GetsAnExplanation_AndChangesNothing(string text, string explanation)
    {
        await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.Command(text));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains(explanation, reply.Text);
        Assert.Equal("INC-2", await SettleAsync());
        // The channel saw the two headlines and nothing else; the rest were answers to the person.
        Assert.Equal(["chat.postMessage", "chat.postMessage"], Slack.Calls.Where(c => c.Method != FakeSlackApi.ResponseUrlMethod).Select(c => c.Method));
        Assert.All(Slack.CallsTo("chat.postMessage"), c => Assert.True(c.IsHeadlinePost, $"only headlines were posted; got {c}"));
    }

    [Fact]
    public async Task ASeverityChoiceForAnIncidentThatDoesNotExist_TellsTheClickerPrivately_AndChangesNothing()
    {
        var headline = await OpenAsync("INC-1");

        var click = Requests.SeverityMenu(99, "P0", headline.ResponseTs!);
        var reply = await SendAsync(click);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        // The click's own response_url: Alice alone sees it, where she clicked.
        var told = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == click.ResponseUrl, "the ephemeral answer to the click");
        Assert.Equal("ephemeral", (string?)told.Body["response_type"]);
        Assert.Contains("There is no incident INC-99", told.AllText);
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.Method == "chat.update");
    }

    [Theory]
    [InlineData(39, "🔥")]
    [InlineData(38, "👨‍👩‍👧")]
    [InlineData(39, "🇩🇪")]
    [InlineData(39, "é")]
    public async Task AnEchoedWord_IsCutBetweenCharacters_NeverThroughOne(int before, string character)
    {
        var word = new string('x', before) + character + "tail";

        var reply = await SendAsync(Requests.Command(word + " INC-1"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Contains("I don't know", reply.Text);
        Assert.DoesNotContain('\uFFFD', reply.Text);
        var echoed = reply.Text[(reply.Text.IndexOf(new string('x', before), StringComparison.Ordinal) + before)..];
        Assert.True(echoed.StartsWith(character, StringComparison.Ordinal) || echoed.StartsWith('…'), $"The echo should keep {character} whole or leave it out; got {reply.Text}");
    }

    [Fact]
    public async Task AFifteenThousandCharacterTitle_GetsAnExplanation_AndDeclaresNothing()
    {
        var reply = await SendAsync(Requests.Command("open P1 " + new string('x', 15_000)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("Keep the title short", reply.Text);
        Assert.True(reply.Text.Length < 500, $"The explanation should not echo the whole title back; {reply}");
        Assert.Equal("INC-1", await SettleAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);
    }

    [Fact]
    public async Task ATitleJustOverTheLimit_GetsAnExplanation_AndDeclaresNothing()
    {
        var reply = await SendAsync(Requests.Command("open P1 " + new string('x', 201)));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("keep it under 200", reply.Text);
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Theory]
    [InlineData("/slack/interactions", "payload=%7B%22type%22%3A%22block_actions%22%2C", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "payload=not-json-at-all", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "something=else", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", "{\"type\":\"event_callback\",", "application/json")]
    [InlineData("/slack/commands", "", "application/x-www-form-urlencoded")]
    public async Task AMalformedSignedPayload_Gets400(string path, string body, string contentType)
    {
        var reply = await SendAsync(Requests.Raw(path, body, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task ATwoMebibyteBody_Gets413(string path)
    {
        var body = "text=" + new string('a', 2 * 1024 * 1024);

        var reply = await SendAsync(Requests.Raw(path, body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Fact]
    public async Task ATwoMebibyteBodyWithoutContentLength_Gets413()
    {
        var request = Requests.Raw("/slack/commands", "text=" + new string('a', 2 * 1024 * 1024));
        using var message = request.ToHttpRequest();
        message.Content = new StreamContent(new MemoryStream(request.Body));
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        message.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_Answers200()
    {
        using var response = await Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("ok", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class BadInputTestsOnSqlite() : BadInputTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class BadInputTestsOnPostgres() : BadInputTests(StorageProvider.Postgres);
