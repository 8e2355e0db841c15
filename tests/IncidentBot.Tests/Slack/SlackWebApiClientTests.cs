using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class SlackWebApiClientTests
{
    private const string Token = "xoxb-1234-5678-SECRETsecret";

    private static SlackWebApiClient ClientFor(FakeSlackHandler handler) => new(handler.Client(), Token);

    [Fact]
    public async Task PostMessage_WhenSlackSaysOk_ReturnsTheMessageTsAndChannel()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true,"channel":"C123","ts":"1700000000.000100","message":{"text":"hi"}}""");

        var result = await ClientFor(handler).PostMessageAsync("C123", "hi");

        Assert.True(result.Ok);
        Assert.Equal(SlackFailureKind.None, result.Failure);
        Assert.Equal("1700000000.000100", result.Ts);
        Assert.Equal("C123", result.Channel);
        Assert.Null(result.Error);
        Assert.NotNull(result.Body);
    }

    [Fact]
    public async Task PostMessage_SendsJsonWithTheBearerTokenToTheMethodUrl()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true,"ts":"1.2"}""");
        var blocks = BlockKit.Blocks([BlockKit.Section("Update on <@U1> & co")]);

        await ClientFor(handler).PostMessageAsync("C123", "fallback", blocks, threadTs: "1699999999.000001", replyBroadcast: true);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:5555/api/chat.postMessage", request.Uri.ToString());
        Assert.Equal("Bearer " + Token, request.Authorization);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("C123", body["channel"]!.GetValue<string>());
        Assert.Equal("fallback", body["text"]!.GetValue<string>());
        Assert.Equal("1699999999.000001", body["thread_ts"]!.GetValue<string>());
        Assert.True(body["reply_broadcast"]!.GetValue<bool>());
        Assert.False(body["unfurl_links"]!.GetValue<bool>());
        Assert.False(body["unfurl_media"]!.GetValue<bool>());
        Assert.Equal("Update on <@U1> & co", body["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessage_OutsideAThread_SendsNoThreadFields()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true,"ts":"1.2"}""");

        await ClientFor(handler).PostMessageAsync("C123", "hi", replyBroadcast: true);

        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body)!.AsObject();
        Assert.False(body.ContainsKey("thread_ts"));
        Assert.False(body.ContainsKey("reply_broadcast"));
        Assert.False(body.ContainsKey("blocks"));
    }

    [Fact]
    public async Task Calls_WhenTheBaseAddressHasNoTrailingSlash_StillGoUnderApi()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:5555/api") };

        await new SlackWebApiClient(http, Token).UpdateMessageAsync("C1", "1.2", "text", null);

        Assert.Equal("http://127.0.0.1:5555/api/chat.update", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task UpdateEphemeralAndViews_SendTheirArguments()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");
        var client = ClientFor(handler);
        var view = BlockKit.Modal(SlackIds.CallbackOpenModal, "Declare", [BlockKit.Divider()]);

        await client.UpdateMessageAsync("C1", "1.2", "new text", new JsonArray());
        await client.PostEphemeralAsync("C1", "U1", "only you");
        await client.OpenViewAsync("trigger-1", view);

        Assert.Equal(["chat.update", "chat.postEphemeral", "views.open"], handler.Requests.Select(r => r.Uri.Segments[^1]));
        var update = JsonNode.Parse(handler.Requests[0].Body)!;
        Assert.Equal("1.2", update["ts"]!.GetValue<string>());
        Assert.Empty(update["blocks"]!.AsArray());
        Assert.Equal("U1", JsonNode.Parse(handler.Requests[1].Body)!["user"]!.GetValue<string>());
        var open = JsonNode.Parse(handler.Requests[2].Body)!;
        Assert.Equal("trigger-1", open["trigger_id"]!.GetValue<string>());
        Assert.Equal(SlackIds.CallbackOpenModal, open["view"]!["callback_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Call_When429WithRetryAfter7_ReturnsRateLimitedFor7Seconds()
    {
        var handler = FakeSlackHandler.Answering((HttpStatusCode)429, "", r => r.Headers.Add("Retry-After", "7"));

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.False(result.Ok);
        Assert.Equal(SlackFailureKind.RateLimited, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Equal("ratelimited", result.Error);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("soon", 1)]
    [InlineData("0", 1)]
    [InlineData("86400", 600)]
    public async Task Call_When429WithAMissingOddOrHugeRetryAfter_DefaultsToOneSecondAndCapsAtTenMinutes(string? header, int expectedSeconds)
    {
        var handler = FakeSlackHandler.Answering((HttpStatusCode)429, "", r =>
        {
            if (header is not null)
            {
                r.Headers.TryAddWithoutValidation("Retry-After", header);
            }
        });

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.RateLimited, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), result.RetryAfter);
    }

    [Theory]
    [InlineData("channel_not_found", SlackFailureKind.Permanent)]
    [InlineData("not_in_channel", SlackFailureKind.Permanent)]
    [InlineData("invalid_auth", SlackFailureKind.Permanent)]
    [InlineData("invalid_blocks", SlackFailureKind.Permanent)]
    [InlineData("msg_too_long", SlackFailureKind.Permanent)]
    [InlineData("internal_error", SlackFailureKind.Transient)]
    [InlineData("fatal_error", SlackFailureKind.Transient)]
    [InlineData("service_unavailable", SlackFailureKind.Transient)]
    [InlineData("request_timeout", SlackFailureKind.Transient)]
    [InlineData("team_added_to_org", SlackFailureKind.Transient)]
    [InlineData("ratelimited", SlackFailureKind.RateLimited)]
    [InlineData("rate_limited", SlackFailureKind.RateLimited)]
    public async Task Call_WhenSlackAnswers200WithAnError_ClassifiesIt(string error, SlackFailureKind expected)
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, $$"""{"ok":false,"error":"{{error}}"}""");

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.False(result.Ok);
        Assert.Equal(error, result.Error);
        Assert.Equal(expected, result.Failure);
        Assert.Equal("""{"ok":false,"error":"{{error}}"}""".Replace("{{error}}", error), result.Body!.ToJsonString());
    }

    [Fact]
    public async Task Call_WhenBlocksAreInvalid_KeepsSlacksExplanationInTheDetail()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK,
            """{"ok":false,"error":"invalid_blocks","response_metadata":{"messages":["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]}}""");

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Permanent, result.Failure);
        Assert.Contains("json-pointer:/blocks/0/text/text", result.Detail);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, SlackFailureKind.Transient, "http_503")]
    [InlineData(HttpStatusCode.InternalServerError, SlackFailureKind.Transient, "http_500")]
    [InlineData(HttpStatusCode.BadGateway, SlackFailureKind.Transient, "http_502")]
    [InlineData(HttpStatusCode.RequestTimeout, SlackFailureKind.Transient, "http_408")]
    [InlineData(HttpStatusCode.NotFound, SlackFailureKind.Permanent, "http_404")]
    [InlineData(HttpStatusCode.Unauthorized, SlackFailureKind.Permanent, "http_401")]
    public async Task Call_WhenSlackAnswersAnHttpError_ClassifiesItByStatus(HttpStatusCode status, SlackFailureKind expected, string error)
    {
        var handler = FakeSlackHandler.Answering(status, "<html>oops</html>");

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.False(result.Ok);
        Assert.Equal(expected, result.Failure);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("<html>maintenance</html>")]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("""{"channel":"C1"}""")]
    public async Task Call_When200BodyIsNotAWebApiAnswer_ReturnsTransient(string body)
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, body);

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Transient, result.Failure);
        Assert.Equal("invalid_response", result.Error);
    }

    [Fact]
    public async Task Call_WhenTheNetworkFails_ReturnsTransientWithoutTheToken()
    {
        var handler = FakeSlackHandler.Throwing(new HttpRequestException($"Connection refused while sending Bearer {Token}"));

        var result = await ClientFor(handler).PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Transient, result.Failure);
        Assert.Equal("request_failed", result.Error);
        Assert.DoesNotContain(Token, result.Detail);
        Assert.DoesNotContain(Token, result.ToString());
    }

    [Fact]
    public async Task Call_WhenTheHttpClientTimesOut_ReturnsTransient()
    {
        var handler = FakeSlackHandler.Throwing(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 10 seconds elapsing."));

        var result = await ClientFor(handler).OpenViewAsync("t", new JsonObject());

        Assert.Equal(SlackFailureKind.Transient, result.Failure);
        Assert.Equal("timeout", result.Error);
    }

    [Fact]
    public async Task Call_WhenTheCallerCancels_Throws()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientFor(handler).PostMessageAsync("C1", "hi", ct: cancelled.Token));
    }

    [Fact]
    public async Task Call_WhenTheTokenIsRejected_NeverShowsTheToken()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":false,"error":"invalid_auth"}""");
        var client = ClientFor(handler);

        var result = await client.PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Permanent, result.Failure);
        Assert.DoesNotContain(Token, result.ToString());
        Assert.DoesNotContain(Token, client.ToString());
    }

    [Fact]
    public async Task Call_WithoutAToken_FailsAsNotAuthedWithoutCallingSlack()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");

        var result = await new SlackWebApiClient(handler.Client(), "").PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Permanent, result.Failure);
        Assert.Equal("not_authed", result.Error);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Call_WithATokenThatCannotBeAHeader_FailsWithoutShowingIt()
    {
        const string badToken = "xoxb-abc\r\ninjected";
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");

        var result = await new SlackWebApiClient(handler.Client(), badToken).PostMessageAsync("C1", "hi");

        Assert.Equal(SlackFailureKind.Permanent, result.Failure);
        Assert.DoesNotContain("xoxb-abc", result.ToString());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Call_ReusingTheSameBlocksTwice_Works()
    {
        var handler = FakeSlackHandler.Answering(HttpStatusCode.OK, """{"ok":true}""");
        var client = ClientFor(handler);
        var blocks = BlockKit.Blocks([BlockKit.Divider()]);

        await client.PostMessageAsync("C1", "a", blocks);
        await client.PostMessageAsync("C2", "b", blocks);

        Assert.All(handler.Requests, r => Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(r.Body).RootElement.GetProperty("blocks").ValueKind));
    }
}
