using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Slack being slow, rate limiting or failing never slows the answer to a command: messages wait in
/// the outbox, honour Retry-After, are retried when the failure is transient and set aside when it is not.
/// </summary>
public abstract class DeliveryTests(StorageProvider provider) : BotTestBase(provider)
{
    /// <summary>Timestamps come from two clocks reading the same system time; allow for rounding only.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task RateLimitedThenFailingSlack_StillAnswersAtOnce_AndPostsTheHeadlineOnceAfterRetryAfter()
    {
        Slack.Enqueue("chat.postMessage", CannedResponse.RateLimited(retryAfterSeconds: 1), times: 2);
        Slack.Enqueue("chat.postMessage", CannedResponse.ServerError(503));

        var reply = await SendAsync(Requests.Command("open P1 orders mart stale since 06:00"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s while Slack rate-limits; {reply}");
        Assert.Contains("INC-1", reply.Text);
        await Slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(20));
        var attempts = Slack.CallsTo("chat.postMessage").Where(c => c.Mentions("INC-1")).ToArray();
        Assert.Equal([429, 429, 503, 200], attempts.Select(a => a.StatusCode));
        Assert.True(attempts[1].At - attempts[0].At >= RetryAfter, $"The second attempt came {(attempts[1].At - attempts[0].At).TotalMilliseconds:0} ms after a 429 with Retry-After: 1.\n{Slack.Dump()}");
        Assert.True(attempts[2].At - attempts[1].At >= RetryAfter, $"The third attempt came {(attempts[2].At - attempts[1].At).TotalMilliseconds:0} ms after a 429 with Retry-After: 1.\n{Slack.Dump()}");

        await SettleAsync();
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task RateLimit_PausesOtherMessagesToo_UntilRetryAfterHasPassed()
    {
        Slack.Enqueue("chat.postMessage", CannedResponse.RateLimited(retryAfterSeconds: 1));

        await CommandAsync("open P1 orders mart stale since 06:00");
        var limited = await Slack.WaitForCallAsync(c => c.StatusCode == 429, "the rate-limited headline");
        await CommandAsync("open P2 pipeline failure in dbt nightly run");

        var second = await Slack.WaitForHeadlineAsync("INC-2", TimeSpan.FromSeconds(10));
        var first = await Slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(10));
        Assert.True(second.At - limited.At >= RetryAfter, $"INC-2 went out {(second.At - limited.At).TotalMilliseconds:0} ms after Slack asked to wait 1 s.\n{Slack.Dump()}");
        Assert.True(first.At - limited.At >= RetryAfter, $"INC-1 went out again {(first.At - limited.At).TotalMilliseconds:0} ms after Slack asked to wait 1 s.\n{Slack.Dump()}");
    }

    [Fact]
    public async Task PermanentErrorForOneHeadline_DoesNotHoldBackAnotherIncidentsHeadline()
    {
        Slack.Enqueue("chat.postMessage", CannedResponse.Error("channel_not_found"), when: c => c.Mentions("INC-1"));

        await CommandAsync("open P1 orders mart stale since 06:00");
        await Slack.WaitForCallAsync(c => c.Mentions("INC-1") && !c.Succeeded, "the failed headline of INC-1");
        var reply = await SendAsync(Requests.Command("open P2 pipeline failure in dbt nightly run"));

        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        await Slack.WaitForHeadlineAsync("INC-2");
    }

    [Fact]
    public async Task PermanentErrorForAHeadline_IsNotRetried_AndLaterUpdatesStillReachTheChannel()
    {
        Slack.Enqueue("chat.postMessage", CannedResponse.Error("channel_not_found"), when: c => c.Mentions("INC-1"));
        await CommandAsync("open P1 orders mart stale since 06:00");
        await Slack.WaitForCallAsync(c => c.Mentions("INC-1") && !c.Succeeded, "the failed headline of INC-1");

        // Messages of one incident go out in order: this update waits for as long as the headline is retried.
        await CommandAsync("update INC-1 backfill running");

        var update = await Slack.WaitForCallAsync(
            c => c.Method == "chat.postMessage" && c.Element("incident-severity") is null && c.AllText.Contains("backfill running", StringComparison.Ordinal),
            "the update of INC-1");
        Assert.True(update.Succeeded);
        // channel_not_found does not go away by retrying: one attempt, and no headline for INC-1.
        var headlineAttempts = Slack.CallsTo("chat.postMessage").Where(c => c.Element("incident-severity") is not null && c.Mentions("INC-1")).ToArray();
        Assert.False(Assert.Single(headlineAttempts).Succeeded);
    }

    [Fact]
    public async Task TransientErrors_AreRetried_UntilTheHeadlineIsPosted()
    {
        Slack.Enqueue("chat.postMessage", CannedResponse.ServerError(500));
        Slack.Enqueue("chat.postMessage", CannedResponse.Error("internal_error"));
        Slack.Enqueue("chat.postMessage", CannedResponse.Error("fatal_error"));

        await CommandAsync("open P1 orders mart stale since 06:00");

        await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal(4, Slack.CallsTo("chat.postMessage").Count(c => c.Mentions("INC-1")));
        await SettleAsync();
        Assert.Single(HeadlinesOf("INC-1"));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class DeliveryTestsOnSqlite() : DeliveryTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class DeliveryTestsOnPostgres() : DeliveryTests(StorageProvider.Postgres);
