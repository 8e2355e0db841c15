using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Signed input that is well-formed JSON or form data but not what Slack sends is refused at the
/// edge with the field named: a 400 for a payload, an error on the form's field for a modal. It
/// never reaches a handler as an exception ("Something went wrong", or an event dropped silently).
/// </summary>
public abstract class MalformedInputTests(StorageProvider provider) : BotTestBase(provider)
{
    [Theory]
    [InlineData("not-a-ts")]
    [InlineData("1e9")]
    [InlineData("1700000000")]
    [InlineData("-1700000000.000100")]
    [InlineData("99999999999999999999.000100")]
    [InlineData("1700000000.0001")]
    public async Task AThreadMessageWhoseTsIsNotASlackTimestamp_GetsA2xxThatNamesTheField_AndNoRetry(string ts)
    {
        var headline = await OpenAsync("INC-1");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);

        using var message = Requests.ThreadReply("Ev0BADTS01", headline.ResponseTs!, ts, SlackRequests.Bob, "found it").ToHttpRequest();
        using var reply = await Client.SendAsync(message);

        // A signed event always gets a 2xx (Slack disables subscriptions that keep failing).
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("1", reply.Headers.TryGetValues("X-Slack-No-Retry", out var values) ? values.Single() : null);
        Assert.Contains("event.ts", await reply.Content.ReadAsStringAsync());
        // The event_id was not used up: the same event with a real ts is kept.
        var kept = await SendAsync(Requests.ThreadReply("Ev0BADTS01", headline.ResponseTs!, FollowUpRequests.NowTs(), SlackRequests.Bob, "found it"));
        Assert.Equal(HttpStatusCode.OK, kept.Status);
    }

    [Theory]
    [InlineData("/slack/interactions", "\\ud800")]
    [InlineData("/slack/interactions", "tail \\udfff")]
    [InlineData("/slack/events", "\\ud83d then no pair")]
    [InlineData("/slack/interactions", "nul \\u0000 inside")]
    [InlineData("/slack/events", "\\u0000")]
    public async Task AnEscapedLoneSurrogateOrNulInAnyJsonString_Gets400NamingWhere_AndChangesNothing(string path, string escaped)
    {
        var headline = await OpenAsync("INC-1");
        var request = path == "/slack/interactions"
            ? Requests.ViewSubmission(SlackRequests.OpenModal("V0SURROGATE", "MARKER title"))
            : Requests.ThreadReply("Ev0SURROG1", headline.ResponseTs!, FollowUpRequests.NowTs(), SlackRequests.Bob, "MARKER text");
        // JSON may escape half a surrogate pair; no serializer writes one, so it is put into the text by hand.
        var body = path == "/slack/interactions"
            ? "payload=" + WebUtility.UrlEncode(WebUtility.UrlDecode(request.BodyText["payload=".Length..]).Replace("MARKER", escaped, StringComparison.Ordinal))
            : request.BodyText.Replace("MARKER", escaped, StringComparison.Ordinal);

        var reply = await SendAsync(Requests.Raw(path, body, request.ContentType));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(path == "/slack/interactions" ? "$.view.state.values.incident-title.incident-title.value" : "$.event.text", reply.Body);
        Assert.Equal("INC-2", await SettleAsync());
    }

    [Fact]
    public async Task ACommandWithANulInItsText_Gets400_AndDeclaresNothing()
    {
        var reply = await SendAsync(Requests.Raw("/slack/commands", Requests.Command("open P1 orders x").BodyText.Replace("orders+x", "orders%00x", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Theory]
    [InlineData("9999999999999")]
    [InlineData("253402300800")]
    [InlineData("-5")]
    public async Task ADeclarationFormWithAnImpossibleDetectionTime_ComesBackWithTheErrorOnThatField(string selected)
    {
        var view = SlackRequests.OpenModal("V0DETECTED1", "orders mart stale");
        view["state"]!["values"]![SlackIds.InputDetectedAt]![SlackIds.InputDetectedAt]!["selected_date_time"] = JsonValue.Create(long.Parse(selected, System.Globalization.CultureInfo.InvariantCulture));

        var reply = await SendAsync(Requests.ViewSubmission(view));

        AssertErrorOn(reply, SlackIds.InputDetectedAt);
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Fact]
    public async Task AResolutionFormWithAnImpossibleVerificationTime_ComesBackWithTheErrorOnThatField()
    {
        await OpenAsync("INC-1");
        var view = FollowUpRequests.ResolveModal("V0VERIFIED1", 1, "Re-ran the skipped load", dataState: "fresh", verifiedAtUnix: 9_999_999_999_999);

        var reply = await SendAsync(Requests.ViewSubmission(view));

        AssertErrorOn(reply, SlackIds.InputVerifiedAt);
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.IsResolutionOf("INC-1"));
    }

    private static void AssertErrorOn(SlackReply reply, string field)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        var errors = Assert.IsType<JsonObject>(reply.Json?["errors"]);
        Assert.Equal([field], errors.Select(e => e.Key).ToArray());
        Assert.DoesNotContain("went wrong", (string?)errors[field] ?? "", StringComparison.Ordinal);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class MalformedInputTestsOnSqlite() : MalformedInputTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class MalformedInputTestsOnPostgres() : MalformedInputTests(StorageProvider.Postgres);
