using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A change is stored in the inbox and applied a moment later; a read, form or command about the same
/// incident that arrives in between must see it. Here a front replica only accepts requests and a second
/// one applies them at its next poll (half a second), which is the window the reads must not fall into.
/// </summary>
public abstract class ReadYourWritesTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    private async Task<(InProcessBot Front, string HeadlineTs)> StartAsync()
    {
        var front = await StartInProcessAsync(new Dictionary<string, string?>(Settings()) { ["Inbox:BatchSize"] = "0" });
        await StartInProcessAsync(new Dictionary<string, string?>(Settings()) { ["Inbox:PollInterval"] = "00:00:00.500" });
        var open = await BotTestBase.SendAsync(front.Client, Requests.Command("open P2 orders mart stale since 06:00"), Slack);
        Assert.Contains("INC-1", open.Text);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        return (front, headline.ResponseTs!);
    }

    [Fact]
    public async Task SeverityPickThenStatusAtOnce_ShowsTheNewSeverity()
    {
        var (front, ts) = await StartAsync();

        var pick = await BotTestBase.SendAsync(front.Client, Requests.SeverityMenu(1, "P0", ts));
        var status = await BotTestBase.SendAsync(front.Client, Requests.Command("status INC-1"));

        Assert.Equal(HttpStatusCode.OK, pick.Status);
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.True(status.Elapsed < TimeSpan.FromSeconds(2.5), $"Still within Slack's 3 s: {status}");
        Assert.True(status.AllText.Contains("INC-1 · P0 ·", StringComparison.Ordinal), status.AllText);
        Assert.DoesNotContain("INC-1 · P2 ·", status.AllText);
    }

    [Fact]
    public async Task AcknowledgeThenResolveAtOnce_OpensTheResolutionForm()
    {
        var (front, ts) = await StartAsync();

        var ack = await BotTestBase.SendAsync(front.Client, Requests.Button(SlackIds.ActionAcknowledge, 1, ts));
        var resolve = await BotTestBase.SendAsync(front.Client, Requests.Command("resolve INC-1", triggerId: "T0RESOLVE"));

        Assert.Equal(HttpStatusCode.OK, ack.Status);
        Assert.True(resolve.Body.Length == 0, $"The form should open, not an explanation: {resolve}");
        Assert.Contains(Slack.CallsTo("views.open"), c => c.TriggerId == "T0RESOLVE");
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ReadYourWritesTestsOnSqlite() : ReadYourWritesTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ReadYourWritesTestsOnPostgres() : ReadYourWritesTests(StorageProvider.Postgres);
