using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Slack allows about one post per second per channel and answers more with 429. The bot paces its
/// posts per channel (a token bucket in the database), people's answers and headlines first, and sends
/// only the newest of several queued edits of one headline. The fake Slack here enforces the rule.
/// </summary>
public abstract class ChannelPacingTests(StorageProvider provider) : BotTestBase(provider)
{
    public const double PerSecond = 5;
    public const int Burst = 5;

    protected override void Configure(Dictionary<string, string?> settings) => Pace(settings);

    public static void Pace(Dictionary<string, string?> settings)
    {
        settings["Slack:PostsPerSecondPerChannel"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Slack:PostBurstPerChannel"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ThirtyIncidentsDeclaredInOneSecond_ReachTheChannelAtItsPace_WithoutA429()
    {
        // One token of slack on Slack's side for the time a post takes to get there.
        Slack.EnforcePacePerChannel(PerSecond, Burst + 1);
        await WarmUpAsync();

        var replies = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => SendAsync(Client, Requests.Command($"open P2 storm incident number {i}"))));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var calls = await Slack.WaitForAsync(c => c.Count(x => x.IsHeadlinePost && x.Succeeded) == 31, "30 headlines after the warm-up", TimeSpan.FromSeconds(40));
        AssertPaced(calls.Where(IsStorm).ToList(), 30, Slack);
        // The answers to the storm's commands (the warm-up's answer named INC-1).
        var answers = calls.Where(c => c.Method == FakeSlackApi.ResponseUrlMethod && !c.Mentions("INC-1")).ToList();
        Assert.Equal(30, answers.Count);
        var lastHeadline = calls.Where(c => c.IsHeadlinePost).Max(c => c.At);
        Assert.True(answers.Max(a => a.At) < lastHeadline - TimeSpan.FromSeconds(2), $"Answers to people are not paced by the channel.\n{Slack.Dump()}");
    }

    [Fact]
    public async Task DeclarationsGoOutAheadOfQueuedThreadReplies()
    {
        for (var i = 1; i <= 3; i++)
        {
            await OpenAsync($"INC-{i}", $"open P2 earlier incident {i}");
        }
        Slack.Enqueue("chat.postMessage", CannedResponse.RateLimited(retryAfterSeconds: 3));
        await CommandAsync("update INC-1 first update, rate limited");
        var limited = await Slack.WaitForCallAsync(c => c.StatusCode == 429, "the rate-limited update");

        // While the channel waits: a backlog of thread replies, then three declarations.
        foreach (var i in new[] { 1, 2, 3 })
        {
            await CommandAsync($"update INC-{i} backlog a");
            await CommandAsync($"update INC-{i} backlog b");
        }
        foreach (var i in new[] { 4, 5, 6 })
        {
            Assert.Contains($"INC-{i}", (await CommandAsync($"open P1 urgent declaration {i}")).Text);
        }
        Assert.True(DateTimeOffset.UtcNow < limited.At + TimeSpan.FromSeconds(3), "The backlog should be queued while the channel is paused.");

        var calls = await Slack.WaitForAsync(c => c.Count(x => x.Method == "chat.postMessage" && x.ThreadTs is not null && x.Succeeded) == 7, "the update and the six backlog replies", TimeSpan.FromSeconds(30));
        var after = calls.Where(c => c.At > limited.At && c.Method == "chat.postMessage" && c.Succeeded).ToList();
        var lastDeclaration = after.Where(c => c.IsHeadlinePost).Select(c => c.Sequence).DefaultIfEmpty(int.MaxValue).Max();
        var firstReply = after.Where(c => c.ThreadTs is not null).Min(c => c.Sequence);
        Assert.Equal(3, after.Count(c => c.IsHeadlinePost));
        Assert.True(lastDeclaration < firstReply, $"The declarations should go out before the queued thread replies.\n{Slack.Dump()}");
        Assert.True(after.Min(c => c.At) >= limited.At + TimeSpan.FromSeconds(3), $"Nothing goes into the channel before Retry-After.\n{Slack.Dump()}");
    }

    [Fact]
    public async Task FiveEditsOfOneHeadlineQueuedWhilePaused_SendOne_ShowingTheLast()
    {
        await OpenAsync("INC-1", "open P2 orders mart stale since 06:00");
        Slack.Enqueue("chat.update", CannedResponse.RateLimited(retryAfterSeconds: 3));

        await CommandAsync("severity INC-1 P3");
        var limited = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.StatusCode == 429, "the rate-limited edit");
        foreach (var severity in new[] { "P1", "P2", "P3", "P0" })
        {
            await CommandAsync($"severity INC-1 {severity}");
        }

        // The edit may go after the notes queued before it (a newer edit waits for them), so wait for both.
        var calls = await Slack.WaitForAsync(c => c.Count(x => x.Method == "chat.postMessage" && x.ThreadTs is not null && x.AllText.Contains("changed the severity", StringComparison.Ordinal)) == 5
            && c.Any(x => x.Method == "chat.update" && x.Succeeded),
            "the five severity notes in the thread and the headline's edit", TimeSpan.FromSeconds(20));
        var edits = calls.Where(c => c.Method == "chat.update" && c.Succeeded).ToList();
        var edit = Assert.Single(edits);
        Assert.True(edit.At >= limited.At + TimeSpan.FromSeconds(3), $"The edit waited for Retry-After.\n{Slack.Dump()}");
        Assert.Contains("P0", edit.AllText);
    }

    /// <summary>
    /// One post first, then the bucket refills: a cold bot's first call to Slack (connection, first use
    /// of the send path) arrives a hundred milliseconds or more after its token was taken, which would
    /// shift the first post the pace is measured from and make the rest look early.
    /// </summary>
    private async Task WarmUpAsync()
    {
        await OpenAsync("INC-1", "open P3 warm-up of the channel");
        await Task.Delay(TimeSpan.FromSeconds(Burst / PerSecond + 0.2));
    }

    /// <summary>A headline of the storm of declarations.</summary>
    public static bool IsStorm(SlackCall call) => call.AllText.Contains("storm incident number", StringComparison.Ordinal);

    /// <summary>No 429, and the k-th post no earlier than the pace allows after the first.</summary>
    public static void AssertPaced(IReadOnlyList<SlackCall> calls, int expected, FakeSlackApi slack)
    {
        Assert.DoesNotContain(calls, c => c.StatusCode == 429);
        var posts = calls.Where(c => c.Method == "chat.postMessage" && c.Succeeded).OrderBy(c => c.At).ToList();
        Assert.Equal(expected, posts.Count);
        var tolerance = TimeSpan.FromMilliseconds(100);
        for (var k = Burst; k < posts.Count; k++)
        {
            var earliest = posts[0].At + TimeSpan.FromSeconds((k + 1 - Burst) / PerSecond) - tolerance;
            Assert.True(posts[k].At >= earliest, $"Post {k + 1} came {(posts[k].At - posts[0].At).TotalMilliseconds:0} ms after the first; the pace allows it after {(earliest - posts[0].At + tolerance).TotalMilliseconds:0} ms.\n{slack.Dump()}");
        }
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ChannelPacingTestsOnSqlite() : ChannelPacingTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ChannelPacingTestsOnPostgres() : ChannelPacingTests(StorageProvider.Postgres);

/// <summary>Two replicas on one PostgreSQL database draw from one bucket per channel: together they keep the pace.</summary>
[Collection(HostCollection.Postgres)]
public sealed class ChannelPacingClusterTests() : OwnHostsTestBase(StorageProvider.Postgres)
{
    [Fact]
    public async Task TwoReplicasTogether_KeepTheChannelsPace()
    {
        var settings = Settings();
        ChannelPacingTests.Pace(settings);
        var replicas = await Task.WhenAll(StartInProcessAsync(settings), StartInProcessAsync(settings));
        Slack.EnforcePacePerChannel(ChannelPacingTests.PerSecond, ChannelPacingTests.Burst + 1);

        // Each replica posts once first: a cold replica's first call to Slack (connection, first use of
        // the send path) takes a hundred milliseconds or more longer than the rest, which would shift
        // the first post the pace is measured from. Then the bucket refills before the storm.
        for (var i = 0; i < replicas.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await BotTestBase.SendAsync(replicas[i].Client, Requests.Command($"open P2 warm-up of replica {i}"))).Status);
        }
        await Slack.WaitForAsync(c => c.Count(x => x.IsHeadlinePost && x.Succeeded) == replicas.Length, "the warm-up headlines");
        await Task.Delay(TimeSpan.FromSeconds(ChannelPacingTests.Burst / ChannelPacingTests.PerSecond + 0.2));

        var replies = await Task.WhenAll(Enumerable.Range(1, 30).Select(i =>
            BotTestBase.SendAsync(replicas[i % 2].Client, Requests.Command($"open P2 storm incident number {i}"))));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var calls = await Slack.WaitForAsync(c => c.Count(x => x.IsHeadlinePost && x.Succeeded) == 32, "30 headlines after the warm-ups", TimeSpan.FromSeconds(40));
        ChannelPacingTests.AssertPaced(calls.Where(ChannelPacingTests.IsStorm).ToList(), 30, Slack);
    }
}
