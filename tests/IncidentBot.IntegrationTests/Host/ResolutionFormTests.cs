using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The resolution form itself: it opens from the headline's button and from <c>/incident resolve INC-n</c>
/// with the runbook's fields, and a form with a missing or impossible field comes back with the error
/// on that field (<c>response_action: errors</c>) and changes nothing, so the person fixes it in place.
/// </summary>
public abstract class ResolutionFormTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly string[] FormFields =
    [
        "incident-resolution-summary",
        "incident-resolution-root-cause",
        "incident-fix-applied",
        "incident-verified-at",
        "incident-how-verified",
        "incident-data-state",
        "incident-backfilled-to",
        "incident-postmortem-needed",
    ];

    [Fact]
    public async Task ResolveButton_OpensTheResolutionForm_WithTheRunbooksFields()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var acknowledged = await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit for the acknowledgement");
        Assert.NotNull(acknowledged.Element("incident-resolve"));

        var reply = await SendAsync(Requests.Button("incident-resolve", 1, headline.ResponseTs!, user: SlackRequests.Bob, label: "Resolve"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(reply.Elapsed < AnswerBudget, $"The click should be answered within {AnswerBudget.TotalSeconds} s; {reply}");
        var open = Assert.Single(Slack.CallsTo("views.open"));
        AssertResolutionForm(open);
    }

    [Fact]
    public async Task ResolveCommandWithoutASummary_OpensTheSameForm()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);

        var reply = await SendAsync(Requests.Command("resolve INC-1", triggerId: "13345224609.738474920.resolve0form"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var open = Assert.Single(Slack.CallsTo("views.open"));
        Assert.Equal("13345224609.738474920.resolve0form", open.TriggerId);
        AssertResolutionForm(open);
    }

    [Theory]
    [InlineData("no summary", "incident-resolution-summary")]
    [InlineData("backfilled without a date", "incident-backfilled-to")]
    [InlineData("verified in the future", "incident-verified-at")]
    public async Task InvalidForm_ComesBackWithTheErrorOnItsField_AndChangesNothing(string mistake, string field)
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var valid = FollowUpRequests.ResolveModal("V0RESOLVEBAD", 1, "Re-ran the skipped load", rootCause: "Airflow pool exhausted", dataState: "fresh");
        var invalid = mistake switch
        {
            "no summary" => FollowUpRequests.ResolveModal("V0RESOLVEBAD", 1, "   ", rootCause: "Airflow pool exhausted", dataState: "fresh"),
            "backfilled without a date" => FollowUpRequests.ResolveModal("V0RESOLVEBAD", 1, "Re-ran the skipped load", dataState: "backfilled", backfilledTo: null),
            _ => FollowUpRequests.ResolveModal("V0RESOLVEBAD", 1, "Re-ran the skipped load", dataState: "fresh", verifiedAtUnix: DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeSeconds()),
        };

        var reply = await SendAsync(Requests.ViewSubmission(invalid, user: SlackRequests.Bob));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        var errors = reply.Json?["errors"] as JsonObject;
        Assert.NotNull(errors);
        Assert.Equal([field], errors.Select(e => e.Key).ToArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)errors[field]), $"The field should say what is wrong; {reply}");

        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.IsResolutionOf("INC-1"));
        Assert.DoesNotContain(Slack.Calls, c => c.Method == "chat.update" && (c.Text ?? "").Contains("Resolved", StringComparison.Ordinal));
        var status = await CommandAsync("status INC-1");
        Assert.Contains("*Status:* Investigating", status.AllText);

        // Slack resubmits the same view (same id) once the person fixes the field: it must not count as a replay.
        var fixedUp = await SendAsync(Requests.ViewSubmission(valid, user: SlackRequests.Bob));
        Assert.Null(fixedUp.Json?["response_action"]);
        var resolution = await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution after the form was fixed");
        Assert.Contains("Re-ran the skipped load", resolution.AllText);
    }

    private static void AssertResolutionForm(SlackCall open)
    {
        var view = open.Body["view"] as JsonObject;
        Assert.NotNull(view);
        Assert.Equal("incident-resolve-modal", (string?)view["callback_id"]);
        Assert.Equal("1", (string?)view["private_metadata"]);
        Assert.Contains("INC-1", (string?)view["title"]?["text"]);
        var blockIds = (view["blocks"] as JsonArray ?? []).Select(b => (string?)b?["block_id"]).OfType<string>().ToList();
        foreach (var field in FormFields)
        {
            Assert.Contains(field, blockIds);
        }
        // P1: a postmortem is expected, so the box starts ticked.
        var postmortem = (view["blocks"] as JsonArray)!.First(b => (string?)b?["block_id"] == "incident-postmortem-needed");
        Assert.Equal("needed", (string?)postmortem?["element"]?["initial_options"]?[0]?["value"]);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class ResolutionFormTestsOnSqlite() : ResolutionFormTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class ResolutionFormTestsOnPostgres() : ResolutionFormTests(StorageProvider.Postgres);
