using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// In the STAT6 replay a :pushpin: on the bot's own status update was ignored silently. Any message
/// in the incident's thread can be pinned, the bot's own included; a pin that cannot be taken is
/// answered in the thread with the reason, once.
/// </summary>
public abstract class PinAnyThreadMessageTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task PinOnTheBotsOwnStatusUpdate_PutsItOnThePostmortemTimeline_AsIncidentBot()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        await CommandAsync("update INC-1 backfill of fct_orders running, ETA 11:00");
        var update = await Slack.WaitForCallAsync(
            c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs && (c.Text ?? "").Contains("backfill of fct_orders running", StringComparison.Ordinal),
            "the status update in INC-1's thread");

        var echoed = await SendAsync(Requests.OwnThreadPost("Ev0OWN0001", headline.ResponseTs!, update.ResponseTs!, update.Text!));
        var pin = await SendAsync(Requests.Reaction("Ev0PIN0101", "pushpin", update.ResponseTs!, SlackRequests.Bob));

        Assert.Equal(HttpStatusCode.OK, echoed.Status);
        Assert.Equal(HttpStatusCode.OK, pin.Status);
        var pinned = (await PostmortemAsync()).Split('\n').Where(l => l.Contains($"Pinned by {SlackRequests.Bob}:", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(pinned);
        Assert.Contains("| IncidentBot | ", row);
        Assert.Contains("backfill of fct_orders running, ETA 11:00", row);
    }

    [Fact]
    public async Task PinOnTheHeadline_IsAnsweredInTheThreadOnce_WithTheReason()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);

        var first = Requests.Reaction("Ev0PIN0201", "pushpin", headline.ResponseTs!, SlackRequests.Bob);
        await SendAsync(first);
        var answer = await Slack.WaitForCallAsync(IsPinRefusal, "the reason the headline was not pinned");
        // Slack redelivers, and someone else pins it too: the reason is not repeated.
        await SendAsync(first.WithHeader(IncidentBot.Slack.SlackHeaders.RetryNum, "1"));
        await SendAsync(Requests.Reaction("Ev0PIN0202", "round_pushpin", headline.ResponseTs!, "U0CAROL"));

        Assert.Equal(headline.ResponseTs, answer.ThreadTs);
        Assert.Equal(":pushpin: Not pinned to INC-1's timeline: that is the headline, the incident itself. Pin a reply in this thread to put it on the timeline.", answer.Text);
        await SettleAsync();
        Assert.True(Slack.Calls.Count(IsPinRefusal) == 1, $"The reason is given once.\n{Slack.Dump()}");
        Assert.DoesNotContain("Pinned by", await PostmortemAsync());
    }

    [Fact]
    public async Task PinOnAReplyWithoutText_SaysWhyInTheThread()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.NowTs();
        await SendAsync(Requests.ThreadReply("Ev0MSG0301", headline.ResponseTs!, ts, "U0CAROL", ""));

        await SendAsync(Requests.Reaction("Ev0PIN0301", "pushpin", ts, SlackRequests.Bob));

        var answer = await Slack.WaitForCallAsync(IsPinRefusal, "the reason the reply was not pinned");
        Assert.Equal(headline.ResponseTs, answer.ThreadTs);
        Assert.StartsWith(":pushpin: Not pinned to INC-1's timeline: that message has no text", answer.Text);
    }

    private static bool IsPinRefusal(SlackCall call) =>
        call.Method == "chat.postMessage" && (call.Text ?? "").StartsWith(":pushpin: Not pinned", StringComparison.Ordinal);

    private async Task<string> PostmortemAsync()
    {
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /incidents/INC-1/postmortem: {(int)response.StatusCode} {markdown}");
        return markdown;
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class PinAnyThreadMessageTestsOnSqlite() : PinAnyThreadMessageTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class PinAnyThreadMessageTestsOnPostgres() : PinAnyThreadMessageTests(StorageProvider.Postgres);
