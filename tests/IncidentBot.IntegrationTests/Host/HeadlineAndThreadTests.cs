using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// After the headline is posted, it is edited in place (chat.update of the same ts) and everything
/// else goes into its thread; the first person to acknowledge owns the incident.
/// </summary>
public abstract class HeadlineAndThreadTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";

    [Fact]
    public async Task UpdateCommand_PostsTheUpdateIntoTheHeadlinesThread()
    {
        var headline = await OpenAsync("INC-1", "open P2 orders mart stale since 06:00");

        var reply = await CommandAsync("update INC-1 backfill running");

        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs is not null, "the update in the incident's thread");
        Assert.Equal(headline.ResponseTs, update.ThreadTs);
        Assert.Contains("backfill running", update.AllText);
        Assert.Single(Slack.Headlines);
    }

    [Theory]
    [InlineData("P0", true)]
    [InlineData("P1", true)]
    [InlineData("P2", false)]
    [InlineData("P3", false)]
    public async Task UpdateOnAHighSeverityIncident_IsAlsoBroadcastToTheChannel(string severity, bool broadcast)
    {
        var headline = await OpenAsync("INC-1", $"open {severity} orders mart stale since 06:00");

        await CommandAsync("update INC-1 backfill running");

        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the update in the incident's thread");
        Assert.Equal(broadcast, update.ReplyBroadcast);
    }

    [Fact]
    public async Task UpdateWithoutText_OpensTheUpdateFormForThatIncident()
    {
        await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.Command("update INC-1", triggerId: "13345224609.738474920.update0form"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        var open = Assert.Single(Slack.CallsTo("views.open"));
        Assert.Equal("13345224609.738474920.update0form", open.TriggerId);
        Assert.Equal("incident-update-modal", (string?)open.Body["view"]?["callback_id"]);
        Assert.Equal("1", (string?)open.Body["view"]?["private_metadata"]);
        Assert.Contains("INC-1", open.AllText);
    }

    [Fact]
    public async Task SubmittingTheUpdateForm_PostsTheUpdateIntoTheThread_AndShowsFixStatusInTheHeadline()
    {
        var headline = await OpenAsync("INC-1");
        var view = SlackRequests.UpdateModal("V0UPDATE01", 1, "Backfill of 2025-02-08 running", fixStatus: "InProgress", eta: "11:00 UTC", rootCauseIdentified: true);

        var reply = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Json?["response_action"]);
        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the update in the incident's thread");
        Assert.Contains("Backfill of 2025-02-08 running", update.AllText);
        Assert.Contains("11:00 UTC", update.AllText);
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        Assert.Contains("11:00 UTC", edit.AllText);
    }

    [Fact]
    public async Task SubmittingTheUpdateFormWithoutText_ShowsAnErrorOnTheTextField_AndPostsNothing()
    {
        await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.UpdateModal("V0UPDATE02", 1, "  ")));

        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply.Json?["errors"]?["incident-update-text"]), $"The text field should say what is wrong; {reply}");
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.ThreadTs is not null || c.Method == "chat.update");
    }

    [Fact]
    public async Task SeverityMenu_EditsTheHeadlineInPlace()
    {
        var headline = await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.SeverityMenu(1, "P0", headline.ResponseTs!));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The click should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        // chat.update only takes a channel id, the one chat.postMessage answered with.
        Assert.Equal(FakeSlackApi.IncidentsChannelId, edit.Channel);
        Assert.Contains("INC-1 · P0", edit.AllText);
        Assert.Equal("1:P0", (string?)edit.Element("incident-severity")?["initial_option"]?["value"]);
        await SettleAsync();
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task AcknowledgeButton_EditsTheHeadlineToNameTheResponder()
    {
        var headline = await OpenAsync("INC-1");
        Assert.Contains("not acknowledged yet", headline.AllText);

        var reply = await SendAsync(Requests.Button("incident-acknowledge", 1, headline.ResponseTs!, user: SlackRequests.Bob));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The click should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit");
        Assert.Equal(headline.ResponseTs, edit.Ts);
        Assert.Equal(FakeSlackApi.IncidentsChannelId, edit.Channel);
        Assert.Contains($"*Owner:* {SlackRequests.Bob}", edit.AllText);
        Assert.DoesNotContain("not acknowledged yet", edit.AllText);
        Assert.Null(edit.Element("incident-acknowledge"));
        await SettleAsync();
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task SecondAcknowledgeClick_KeepsTheFirstResponder_AndTellsTheSecondPersonWhoOwnsIt()
    {
        var headline = await OpenAsync("INC-1");
        await SendAsync(Requests.Button("incident-acknowledge", 1, headline.ResponseTs!, user: SlackRequests.Bob));
        await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit for the first acknowledgement");

        // Carol's Slack still shows the headline with the button.
        var click = Requests.Button("incident-acknowledge", 1, headline.ResponseTs!, user: Carol);
        var reply = await SendAsync(click);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        // The click's own response_url: Slack shows the answer to Carol alone, where she clicked.
        var told = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == click.ResponseUrl, "the ephemeral answer to the second click");
        Assert.Equal("ephemeral", (string?)told.Body["response_type"]);
        Assert.Contains($"already acknowledged by <@{SlackRequests.Bob}>", told.AllText);
        await SettleAsync();
        AssertHeadlineStillNamesBob();
    }

    [Fact]
    public async Task SecondAckCommand_KeepsTheFirstResponder_AndRepliesWhoOwnsIt()
    {
        await OpenAsync("INC-1");
        var first = await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        Assert.Contains("You acknowledged INC-1", first.Text);
        await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit for the first acknowledgement");

        var second = await CommandAsync("ack INC-1", user: Carol);

        Assert.Equal("ephemeral", second.ResponseType);
        Assert.Contains($"already acknowledged by <@{SlackRequests.Bob}>", second.Text);
        await SettleAsync();
        AssertHeadlineStillNamesBob();
    }

    private void AssertHeadlineStillNamesBob()
    {
        var edits = Slack.CallsTo("chat.update");
        Assert.NotEmpty(edits);
        Assert.Contains($"*Owner:* {SlackRequests.Bob}", edits[^1].AllText);
        Assert.DoesNotContain(Slack.Calls, c => c.Method is not ("chat.postEphemeral" or FakeSlackApi.ResponseUrlMethod) && c.AllText.Contains(Carol, StringComparison.Ordinal));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class HeadlineAndThreadTestsOnSqlite() : HeadlineAndThreadTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class HeadlineAndThreadTestsOnPostgres() : HeadlineAndThreadTests(StorageProvider.Postgres);
