using System.Globalization;
using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A person's reply in an incident's thread, pinned with a :pushpin: reaction, goes onto the
/// incident's timeline (and so into the postmortem) at the time it was written, once, however often
/// Slack delivers the events.
/// </summary>
public abstract class PinTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Finding = "Found it: the 05:00 dbt run skipped fct_orders";

    [Fact]
    public async Task PinnedThreadReply_IsOnThePostmortemTimeline_AtTheTimeItWasWritten()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // Replies count as the incident's once the bot has stored where its headline is.
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var writtenAt = DateTimeOffset.UtcNow;
        var ts = FollowUpRequests.Ts(writtenAt);

        var message = await SendAsync(Requests.ThreadReply("Ev0MSG0001", headline.ResponseTs!, ts, Carol, Finding));
        var pin = await SendAsync(Requests.Reaction("Ev0PIN0001", "pushpin", ts, SlackRequests.Bob));

        Assert.Equal(HttpStatusCode.OK, message.Status);
        Assert.Equal(HttpStatusCode.OK, pin.Status);
        var markdown = await PostmortemAsync();
        Assert.Contains($"| {Utc(writtenAt)} | {Carol} | Pinned by {SlackRequests.Bob}: {Finding} |", markdown);
    }

    [Fact]
    public async Task SameEventsDeliveredTwice_PinTheMessageOnce()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // Replies count as the incident's once the bot has stored where its headline is.
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.NowTs();
        var message = Requests.ThreadReply("Ev0MSG0002", headline.ResponseTs!, ts, Carol, Finding);
        var pin = Requests.Reaction("Ev0PIN0002", "pushpin", ts, SlackRequests.Bob);

        await SendAsync(message);
        await SendAsync(message.WithHeader(SlackHeaders.RetryNum, "1").WithHeader(SlackHeaders.RetryReason, "http_timeout"));
        var first = await SendAsync(pin);
        // Slack redelivers the same event (same event_id) when it did not see the 200 in time.
        var redelivered = await SendAsync(pin.WithHeader(SlackHeaders.RetryNum, "1").WithHeader(SlackHeaders.RetryReason, "http_timeout"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, redelivered.Status);
        var markdown = await PostmortemAsync();
        Assert.Equal(1, Occurrences(markdown, $"Pinned by {SlackRequests.Bob}: {Finding}"));
    }

    [Fact]
    public async Task OtherReactions_AndRepliesOutsideIncidentThreads_AreNotPinned()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // Replies count as the incident's once the bot has stored where its headline is.
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var inThread = FollowUpRequests.NowTs();
        var elsewhere = FollowUpRequests.NowTs();
        await SendAsync(Requests.ThreadReply("Ev0MSG0003", headline.ResponseTs!, inThread, Carol, Finding));
        // A reply in some other thread of the channel, not an incident's.
        await SendAsync(Requests.ThreadReply("Ev0MSG0004", "1600000000.000100", elsewhere, Carol, "lunch at noon?"));

        var eyes = await SendAsync(Requests.Reaction("Ev0REA0005", "eyes", inThread, SlackRequests.Bob));
        var pinElsewhere = await SendAsync(Requests.Reaction("Ev0PIN0006", "pushpin", elsewhere, SlackRequests.Bob));

        Assert.Equal(HttpStatusCode.OK, eyes.Status);
        Assert.Equal(HttpStatusCode.OK, pinElsewhere.Status);
        var markdown = await PostmortemAsync();
        Assert.DoesNotContain("Pinned by", markdown);
        Assert.DoesNotContain("lunch at noon", markdown);

        // The same reply does go on the timeline once it gets the pin.
        await SendAsync(Requests.Reaction("Ev0PIN0007", "pushpin", inThread, SlackRequests.Bob));
        Assert.Contains($"Pinned by {SlackRequests.Bob}: {Finding}", await PostmortemAsync());
    }

    private async Task<string> PostmortemAsync()
    {
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /incidents/INC-1/postmortem: {(int)response.StatusCode} {markdown}");
        return markdown;
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

[Collection(HostCollection.Sqlite)]
public sealed class PinTestsOnSqlite() : PinTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class PinTestsOnPostgres() : PinTests(StorageProvider.Postgres);
