using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The bot as operators run it, as a process of its own, killed with SIGKILL while a headline is still
/// queued: after a restart against the same database the headline goes out exactly once and the
/// incident carries on as if nothing happened.
/// </summary>
public abstract class ProcessRestartTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    [Fact]
    public async Task KilledWhileTheHeadlineIsQueued_PostsItExactlyOnceAfterRestart_AndTheIncidentCarriesOn()
    {
        var slack = Slack;
        var settings = Settings();
        // A message the killed process had claimed is free again when its lease runs out.
        settings["Outbox:Lease"] = "00:00:02";
        slack.FailAlways("chat.postMessage", CannedResponse.ServerError(503));

        var first = await StartProcessAsync(settings);
        var declared = await BotTestBase.SendAsync(first.Client, Requests.Command("open P1 orders mart stale since 06:00"), slack);
        first.Kill();

        Assert.Equal(HttpStatusCode.OK, declared.Status);
        Assert.Contains("INC-1", declared.Text);
        Assert.True(first.HasExited);
        Assert.Empty(slack.Headlines);

        slack.Heal();
        var second = await StartProcessAsync(settings);
        var headline = await slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(20));
        Assert.Contains("orders mart stale since 06:00", headline.AllText);

        var update = await BotTestBase.SendAsync(second.Client, Requests.Command("update INC-1 backfill running"), slack);
        Assert.Equal(HttpStatusCode.OK, update.Status);
        var reply = await slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs is not null, "the update in the incident's thread");
        Assert.Equal(headline.ResponseTs, reply.ThreadTs);
        Assert.Contains("backfill running", reply.AllText);

        var status = await BotTestBase.SendAsync(second.Client, Requests.Command("status INC-1"), slack);
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Contains("INC-1", status.AllText);
        Assert.Contains("orders mart stale since 06:00", status.AllText);
        Assert.Contains("backfill running", status.AllText);

        Assert.Single(slack.Headlines, c => c.Mentions("INC-1"));
    }

    [Fact]
    public async Task KilledAfterAcknowledgingAnOpen_BeforeApplyingIt_DeclaresItExactlyOnceAfterRestart()
    {
        var slack = Slack;
        var settings = Settings();
        // This process only accepts requests (as a front replica would): the open waits in the inbox.
        var frontOnly = new Dictionary<string, string?>(settings) { ["Inbox:BatchSize"] = "0" };
        var command = Requests.Command("open P1 orders mart stale since 06:00");

        var first = await StartProcessAsync(frontOnly);
        var ack = await BotTestBase.SendAsync(first.Client, command);
        // Acknowledged: Slack has its 200, and the only copy of the request is in the database.
        Assert.Equal(HttpStatusCode.OK, ack.Status);
        Assert.Equal("", ack.Body);
        // A retry of the same delivery before the kill must not make a second incident either.
        Assert.Equal(HttpStatusCode.OK, (await BotTestBase.SendAsync(first.Client, command)).Status);
        first.Kill();
        Assert.True(first.HasExited);
        Assert.Empty(slack.Headlines);

        var second = await StartProcessAsync(settings);
        var headline = await slack.WaitForHeadlineAsync("INC-1", TimeSpan.FromSeconds(20));
        Assert.Contains("orders mart stale since 06:00", headline.AllText);
        var responseUrl = command.ResponseUrl;
        var answer = await slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == responseUrl, "the answer to the open at its response_url");
        Assert.Contains("Declared *INC-1*", answer.AllText);

        // Settle: a second incident's headline means everything queued before it went out.
        var settle = await BotTestBase.SendAsync(second.Client, Requests.Command("open P3 settling after the restart"), slack);
        Assert.Contains("INC-2", settle.Text);
        await slack.WaitForHeadlineAsync("INC-2");
        Assert.Single(slack.Headlines, c => c.Mentions("INC-1"));
        Assert.Single(slack.AnswersTo(responseUrl));
    }

}

[Collection(HostCollection.Sqlite)]
public sealed class ProcessRestartTestsOnSqlite() : ProcessRestartTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ProcessRestartTestsOnPostgres() : ProcessRestartTests(StorageProvider.Postgres);
