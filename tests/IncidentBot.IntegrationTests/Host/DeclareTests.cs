using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>Declaring an incident, inline or through the form: an answer at once, then exactly one headline in #data-incidents.</summary>
public abstract class DeclareTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task OpenInline_AnswersWithinOneSecond_AndPostsOneHeadlineWithSeverityMenuAndAcknowledgeButton()
    {
        var reply = await SendAsync(Requests.Command("open P1 orders mart stale since 06:00"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("INC-1", reply.Text);

        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal(BotSettings.Channel, headline.Channel);
        Assert.Contains("orders mart stale since 06:00", headline.AllText);
        Assert.Contains("P1", headline.AllText);
        var menu = headline.Element("incident-severity");
        Assert.NotNull(menu);
        Assert.Equal("static_select", (string?)menu["type"]);
        Assert.Equal(new[] { "1:P0", "1:P1", "1:P2", "1:P3" }, OptionValues(menu));
        Assert.Equal("1:P1", (string?)menu["initial_option"]?["value"]);
        var acknowledge = headline.Element("incident-acknowledge");
        Assert.NotNull(acknowledge);
        Assert.Equal("button", (string?)acknowledge["type"]);
        Assert.Equal("1", (string?)acknowledge["value"]);

        await SettleAsync();
        Assert.Single(HeadlinesOf("INC-1"));
        Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Mentions("INC-1"));
        // The token goes to the Web API only; a response_url carries its own authority and gets none.
        Assert.All(Slack.Calls, c => Assert.Equal(c.Method == FakeSlackApi.ResponseUrlMethod ? "" : "Bearer " + BotSettings.BotToken, c.Authorization));
        Assert.Contains(Slack.Calls, c => c.Method == FakeSlackApi.ResponseUrlMethod);
    }

    [Fact]
    public async Task OpenWithoutText_OpensTheDeclarationFormWithTheCommandsTriggerId()
    {
        var command = Requests.Command("open", triggerId: "13345224609.738474920.8088930838d88f008e0");

        var reply = await SendAsync(command);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The command should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        // views.open happens before the answer: the trigger_id is only valid for 3 s.
        var open = Assert.Single(Slack.CallsTo("views.open"));
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", open.TriggerId);
        var view = Assert.IsType<JsonObject>(open.Body["view"]);
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal("incident-open-modal", (string?)view["callback_id"]);
        var blockIds = view["blocks"]!.AsArray().Select(b => (string?)b!["block_id"]).ToArray();
        Assert.Contains("incident-title", blockIds);
        Assert.Contains("incident-severity-input", blockIds);
        Assert.Contains("incident-category", blockIds);
        Assert.DoesNotContain(Slack.Calls, c => c.Method == "chat.postMessage");
    }

    [Fact]
    public async Task OpenWithoutText_WhenSlackDoesNotOpenTheFormInTime_StillAnswersWithinThreeSeconds_AndSaysHowToDeclareInline()
    {
        Slack.Enqueue("views.open", CannedResponse.Slow(new JsonObject { ["view"] = new JsonObject { ["id"] = "V1" } }, TimeSpan.FromSeconds(10)));

        var reply = await SendAsync(Requests.Command("open"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < TimeSpan.FromSeconds(3), $"Slack drops a command not answered within 3 s; {reply}");
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("/incident open P1", reply.Text);
    }

    [Fact]
    public async Task OpenWithoutText_WhenSlackRefusesTheForm_SaysWhyAndHowToDeclareInline()
    {
        Slack.Enqueue("views.open", CannedResponse.Error("expired_trigger_id"));

        var reply = await SendAsync(Requests.Command("open"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Contains("expired_trigger_id", reply.Text);
        Assert.Contains("/incident open P1", reply.Text);
    }

    [Fact]
    public async Task SubmittingTheDeclarationForm_PostsOneHeadlineWithWhatTheFormSaid()
    {
        var detectedAt = DateTimeOffset.UtcNow.AddMinutes(-45).ToUnixTimeSeconds();
        var view = SlackRequests.OpenModal(
            "V0FORM0001", "Revenue dashboard shows data as of Feb 8", severity: "P0", category: "StaleData",
            affected: "marts.fct_orders, Revenue dashboard", description: "The nightly load skipped a partition.",
            owner: SlackRequests.Bob, detectedAtUnix: detectedAt, impact: ["Revenue"]);

        var reply = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The submission should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        Assert.Null(reply.Json?["response_action"]);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal(BotSettings.Channel, headline.Channel);
        Assert.Contains("Revenue dashboard shows data as of Feb 8", headline.AllText);
        Assert.Contains("P0", headline.AllText);
        Assert.Contains("marts.fct_orders, Revenue dashboard", headline.AllText);
        Assert.Contains($"<!date^{detectedAt}^", headline.AllText);
        Assert.Contains($"<@{SlackRequests.Bob}>", headline.AllText);
        Assert.Equal("1:P0", (string?)headline.Element("incident-severity")?["initial_option"]?["value"]);
        // The person who submitted is told, privately, in the channel they typed the command in.
        var told = await Slack.WaitForCallAsync(c => c.Method == "chat.postEphemeral", "the ephemeral confirmation");
        Assert.Equal(SlackRequests.CommandChannel, told.Channel);
        Assert.Equal(SlackRequests.Alice, told.User);
        Assert.Contains("INC-1", told.AllText);

        Assert.Equal("INC-2", await SettleAsync());
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task SubmittingTheSameFormTwice_DeclaresOneIncidentWithOneHeadline()
    {
        var view = SlackRequests.OpenModal("V0DOUBLE01", "Duplicate load in fct_payments");

        var first = await SendAsync(Requests.ViewSubmission(view));
        var second = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Null(second.Json?["response_action"]);
        await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Equal("INC-2", await SettleAsync());
        Assert.Single(Slack.Headlines, c => c.AllText.Contains("Duplicate load in fct_payments", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task SubmittingTheFormWithoutATitle_ShowsAnErrorOnTheTitleField_AndDeclaresNothing(string? title)
    {
        var view = SlackRequests.OpenModal("V0NOTITLE1", title);

        var reply = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        var errors = Assert.IsType<JsonObject>(reply.Json!["errors"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)errors["incident-title"]), $"The title field should say what is wrong; {reply}");
        Assert.Equal("INC-1", await SettleAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);
    }

    private static string[] OptionValues(JsonObject select) =>
        select["options"]!.AsArray().Select(o => (string?)o!["value"] ?? "").ToArray();
}

[Collection(HostCollection.Sqlite)]
public sealed class DeclareTestsOnSqlite() : DeclareTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class DeclareTestsOnPostgres() : DeclareTests(StorageProvider.Postgres);
