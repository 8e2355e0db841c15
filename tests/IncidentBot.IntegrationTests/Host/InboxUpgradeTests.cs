using IncidentBot.Domain.Ports;
using IncidentBot.Queues;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Requests may wait in the inbox while a new version is deployed: a command stored by the version
/// before (Slack's form body, parsed by the worker) is still applied, and answered, after the upgrade.
/// </summary>
public abstract class InboxUpgradeTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task ACommandStoredAsSlacksFormBody_ByTheVersionBefore_IsAppliedAndAnswered()
    {
        var headline = await OpenAsync("INC-1");
        var command = Requests.Command("update INC-1 backfill running since the upgrade");

        // What the version before stored on the request path: the verified body as it came.
        await BotServices.GetRequiredService<IInbox>().AdmitAsync(new InboxItem("cmd:v0=stored-before-the-upgrade", InboxKind.Command, command.BodyText, 1, DateTimeOffset.UtcNow));
        BotServices.GetRequiredService<InboxSignal>().Notify();

        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the stored update in the incident's thread");
        Assert.Contains("backfill running since the upgrade", update.AllText);
        var answer = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == command.ResponseUrl, "the answer at the stored command's response_url");
        Assert.Contains("Update posted to INC-1", answer.AllText);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class InboxUpgradeTestsOnSqlite() : InboxUpgradeTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class InboxUpgradeTestsOnPostgres() : InboxUpgradeTests(StorageProvider.Postgres);
