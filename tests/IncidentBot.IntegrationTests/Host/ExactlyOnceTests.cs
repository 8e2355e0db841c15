using System.Net;
using System.Text.RegularExpressions;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Exactly once, not at least once: the bot is killed with SIGKILL while Slack is slow to answer its
/// posts, so some posts reached Slack without the bot hearing so. After a restart it looks for those in
/// the channel's history (by the dedup key in their metadata) instead of posting them again.
/// </summary>
public abstract partial class ExactlyOnceTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    private const int Incidents = 120;

    [Fact]
    public async Task KilledWhileSlackIsSlowToAnswerPosts_EveryHeadlineArrivesOnceAfterRestart()
    {
        var slack = Slack;
        var settings = Settings();
        settings["Slack:PostsPerSecondPerChannel"] = "100";
        settings["Slack:PostBurstPerChannel"] = "100";
        // What the killed process had claimed is free again when its lease runs out (at once on SQLite).
        settings["Outbox:Lease"] = "00:00:05";
        slack.PostDelay = TimeSpan.FromMilliseconds(150);

        var first = await StartProcessAsync(settings);
        var replies = await Task.WhenAll(Enumerable.Range(1, Incidents).Select(i => BotTestBase.SendAsync(first.Client, Requests.Command($"open P2 slow slack incident {i}"))));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        await slack.WaitForAsync(_ => slack.Posted.Count >= Incidents / 3, $"a third of the {Incidents} headlines", TimeSpan.FromSeconds(60));
        first.Kill();
        Assert.True(first.HasExited);
        var atKill = slack.Posted.Count;

        await StartProcessAsync(settings);
        await slack.WaitForAsync(_ => Headlines(slack).Distinct().Count() == Incidents, $"all {Incidents} headlines", TimeSpan.FromSeconds(90));

        var posted = Headlines(slack);
        Assert.True(atKill < Incidents, $"The bot should have been killed with headlines still to post ({atKill} posted).");
        Assert.True(posted.Count == Incidents, $"Every headline once, none twice: {string.Join(", ", posted.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"INC-{g.Key} x{g.Count()}"))}.\n{slack.Dump()}");
        Assert.All(slack.Posted, p => Assert.False(string.IsNullOrEmpty(p.Key), $"Every post carries its dedup key as metadata: {p}"));
    }

    private static List<int> Headlines(FakeSlackApi slack) =>
        slack.Posted.Where(p => p.ThreadTs is null).Select(p => HeadlineNumber().Match(p.Text)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"^INC-([0-9]+) ")]
    private static partial Regex HeadlineNumber();
}

[Collection(HostCollection.Sqlite)]
public sealed class ExactlyOnceTestsOnSqlite() : ExactlyOnceTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ExactlyOnceTestsOnPostgres() : ExactlyOnceTests(StorageProvider.Postgres);
