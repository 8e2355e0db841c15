using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// When the database fails under the bot: a form stays open with a message instead of closing and
/// losing what was typed, and a command already acknowledged is applied once the database is back,
/// and answered once. (The failure is made by renaming a table the work needs, then restoring it.)
/// </summary>
public abstract class FailureTests(StorageProvider provider) : BotTestBase(provider)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Inbox:FirstRetryDelay"] = "00:00:00.200";
        settings["Inbox:MaxRetryDelay"] = "00:00:00.500";
    }

    [Fact]
    public async Task ASubmissionTheDatabaseFails_KeepsTheFormOpenWithAnError_AndWorksWhenSubmittedAgain()
    {
        await OpenAsync("INC-1");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var form = SlackRequests.UpdateModal("V0UPDATE0FAIL", 1, "backfill running, ETA 11:00");

        await BreakAsync();
        var failed = await SendAsync(Requests.ViewSubmission(form, user: SlackRequests.Bob));
        await RepairAsync();

        Assert.Equal(HttpStatusCode.OK, failed.Status);
        Assert.Equal("errors", (string?)failed.Json?["response_action"]);
        Assert.Contains("nothing was saved", (string?)failed.Json?["errors"]?["incident-update-text"]);
        var again = await SendAsync(Requests.ViewSubmission(form, user: SlackRequests.Bob));
        Assert.Null(again.Json?["response_action"]);
        await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs is not null && c.AllText.Contains("backfill running", StringComparison.Ordinal), "the update in the thread");
    }

    [Fact]
    public async Task ACommandAcknowledgedWhileTheDatabaseFails_IsAppliedWhenItIsBack_AndAnsweredOnce()
    {
        await OpenAsync("INC-1");
        var command = Requests.Command("ack INC-1", SlackRequests.Bob);

        await BreakAsync();
        var ack = await BotTestBase.SendAsync(Client, command);
        // Acknowledged: the request is in the inbox; applying it fails and is retried.
        Assert.Equal(HttpStatusCode.OK, ack.Status);
        Assert.Equal("", ack.Body);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(Slack.Calls, c => c.Method == FakeSlackApi.ResponseUrlMethod && c.AllText.Contains("acknowledged INC-1", StringComparison.Ordinal));
        await RepairAsync();

        var answered = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.AllText.Contains("You acknowledged INC-1", StringComparison.Ordinal), "the answer once the database is back");
        await SettleAsync();
        Assert.Single(Slack.Calls, c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == answered.Url);
        Assert.Contains($"{SlackRequests.Bob} acknowledged INC-1", string.Join("\n", Slack.CallsTo("chat.postMessage").Select(c => c.AllText)));
    }

    private Task BreakAsync() => Database.ExecuteAsync("ALTER TABLE inbound_requests RENAME TO inbound_requests_away");

    private Task RepairAsync() => Database.ExecuteAsync("ALTER TABLE inbound_requests_away RENAME TO inbound_requests");
}

[Collection(HostCollection.Sqlite)]
public sealed class FailureTestsOnSqlite() : FailureTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class FailureTestsOnPostgres() : FailureTests(StorageProvider.Postgres);
