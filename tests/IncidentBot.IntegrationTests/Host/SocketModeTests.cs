using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Slack;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The same bot over Slack's Socket Mode: commands, clicks, forms and events arrive as envelopes on a
/// WebSocket the bot opened, each is acknowledged with its envelope_id within 3 s once its change is
/// stored, and an answer that must be immediate travels in the acknowledgement.
/// </summary>
public abstract class SocketModeTests(StorageProvider provider) : SocketModeTestBase(provider)
{
    private static readonly TimeSpan SlackAckLimit = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task SlashCommand_DeclaresAnIncident_AndIsAcknowledgedWithinThreeSeconds()
    {
        var command = Requests.Command("open P1 orders mart stale since 06:00");

        var ack = await SocketCommandAsync(command);

        Assert.True(ack.After < SlackAckLimit, $"The envelope should be acknowledged within 3 s; took {ack.After}.");
        Assert.Null(ack.Payload);
        var answer = await Slack.WaitForCallAsync(c => c.Method == FakeSlackApi.ResponseUrlMethod && c.Url == command.ResponseUrl, "the answer at the command's response_url");
        Assert.Contains("Declared *INC-1*", answer.AllText);
        await Slack.WaitForHeadlineAsync("INC-1");
        Assert.Single(HeadlinesOf("INC-1"));
    }

    [Fact]
    public async Task ImmediateAnswer_TravelsInTheAcknowledgement_OnlyWhenTheEnvelopeAcceptsIt()
    {
        var accepted = await SocketCommandAsync(Requests.Command("help"));
        var declined = await Socket.DeliverAsync("slash_commands", CommandPayload(Requests.Command("help")), acceptsResponsePayload: false);

        Assert.Equal("ephemeral", (string?)accepted.Payload?["response_type"]);
        Assert.Contains("/incident open", (string?)accepted.Payload?["text"]);
        Assert.Null(declined.Payload);
    }

    [Fact]
    public async Task SeverityMenu_AndAcknowledgeButton_EditTheHeadline()
    {
        await SocketCommandAsync(Requests.Command("open P1 orders mart stale since 06:00"));
        var headline = await Slack.WaitForHeadlineAsync("INC-1");

        var severity = await Socket.DeliverAsync("interactive", InteractionPayload(Requests.SeverityMenu(1, "P0", headline.ResponseTs!)), acceptsResponsePayload: false);
        var severityEdit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("INC-1 · P0", StringComparison.Ordinal), "the headline edit to P0");
        var ack = await Socket.DeliverAsync("interactive", InteractionPayload(Requests.Button(SlackIds.ActionAcknowledge, 1, headline.ResponseTs!, user: SlackRequests.Bob)), acceptsResponsePayload: false);
        var ackEdit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains($"*Owner:* {SlackRequests.Bob}", StringComparison.Ordinal), "the headline edit naming the responder");

        Assert.True(severity.After < SlackAckLimit && ack.After < SlackAckLimit, $"Clicks should be acknowledged within 3 s; took {severity.After} and {ack.After}.");
        Assert.Equal(headline.ResponseTs, severityEdit.Ts);
        Assert.Equal(headline.ResponseTs, ackEdit.Ts);
        Assert.Null(ackEdit.Element(SlackIds.ActionAcknowledge));
    }

    [Fact]
    public async Task Form_Opens_AndASubmissionWithoutTitle_GetsItsFieldErrorInTheAcknowledgement()
    {
        var command = Requests.Command("open");
        var opened = await SocketCommandAsync(command);
        var trigger = CommandPayload(command)["trigger_id"]!.GetValue<string>();
        await Slack.WaitForCallAsync(c => c.Method == "views.open" && c.TriggerId == trigger, "views.open with the command's trigger_id");

        var rejected = await Socket.DeliverAsync("interactive", InteractionPayload(Requests.ViewSubmission(SlackRequests.OpenModal("V0SOCKET01", ""))), acceptsResponsePayload: true);
        var declared = await Socket.DeliverAsync("interactive", InteractionPayload(Requests.ViewSubmission(SlackRequests.OpenModal("V0SOCKET01", "orders mart stale"))), acceptsResponsePayload: true);

        Assert.True(opened.After < SlackAckLimit, $"The form command should be acknowledged within 3 s; took {opened.After}.");
        Assert.Null(opened.Payload);
        Assert.Equal("errors", (string?)rejected.Payload?["response_action"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)rejected.Payload?["errors"]?[SlackIds.InputTitle]), $"The title field should say what is wrong; {rejected.Json}");
        Assert.Null(declared.Payload?["response_action"]);
        Assert.Contains("orders mart stale", (await Slack.WaitForHeadlineAsync("INC-1")).AllText);
    }

    [Fact]
    public async Task RefreshRequested_OpensTheNextConnectionFirst_AndLosesNothing()
    {
        var before = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            before.Add(await Socket.SendAsync("slash_commands", CommandPayload(Requests.Command($"open P3 before refresh {i}")), acceptsResponsePayload: true));
        }
        await Socket.DisconnectAsync("refresh_requested");
        await Socket.WaitForConnectionsAsync(2);
        var after = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            after.Add(await Socket.SendAsync("slash_commands", CommandPayload(Requests.Command($"open P3 after refresh {i}")), acceptsResponsePayload: true));
        }

        foreach (var id in before.Concat(after))
        {
            await Socket.WaitForAckAsync(id);
        }
        Assert.All(before, id => Assert.Equal(1, Socket.AckOf(id)!.Connection));
        Assert.All(after, id => Assert.Equal(2, Socket.AckOf(id)!.Connection));
        await WaitForCountAsync("SELECT COUNT(*) FROM incidents", 10);
        Assert.Equal(10, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE title LIKE '%refresh%'"));
        await StoredState.WaitUntilAsync(() => Task.FromResult(Socket.Lifetime(1).Closed is not null), "the bot to close the refreshed connection");
        Assert.True(Socket.Lifetime(2).Opened < Socket.Lifetime(1).Closed, "The new connection should be open before the old one is closed.");
        using var health = await Client.GetAsync("/healthz");
        var report = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("slack-socket: Healthy (connected since", report);
        Assert.Contains("1 reconnects", report);
    }

    [Fact]
    public async Task SocketDroppedMidBurst_EveryAcknowledgedCommandIsAppliedOnce_NoneTwice()
    {
        await SocketCommandAsync(Requests.Command("open P1 orders mart stale since 06:00"));
        await Slack.WaitForHeadlineAsync("INC-1");
        // Updates, not declarations: a second declaration of the same title is caught by the duplicate check, a second update is not.
        var payloads = Enumerable.Range(1, 100).Select(i => CommandPayload(Requests.Command($"update INC-1 burst note {i:D3}"))).ToArray();
        var firstTry = new List<(string Id, JsonObject Payload)>();
        foreach (var payload in payloads.Take(60))
        {
            firstTry.Add((await Socket.SendAsync("slash_commands", payload, acceptsResponsePayload: true), payload));
        }
        await StoredState.WaitUntilAsync(() => Task.FromResult(firstTry.Count(e => Socket.AckOf(e.Id) is not null) >= 20), "20 acknowledgements");
        Socket.DropNewest();
        await Socket.WaitForConnectionsAsync(2);

        // Slack delivers again what it has no ack for and, since an ack may be lost in a drop, ten it has; the rest of the burst follows.
        var unacked = firstTry.Where(e => Socket.AckOf(e.Id) is null).Select(e => e.Payload);
        var acked = firstTry.Where(e => Socket.AckOf(e.Id) is not null).Take(10).Select(e => e.Payload).ToList();
        var secondTry = new List<string>();
        foreach (var payload in unacked.Concat(acked))
        {
            secondTry.Add(await Socket.SendAsync("slash_commands", payload, acceptsResponsePayload: true, retryAttempt: 1));
        }
        foreach (var payload in payloads.Skip(60))
        {
            secondTry.Add(await Socket.SendAsync("slash_commands", payload, acceptsResponsePayload: true));
        }
        foreach (var id in secondTry)
        {
            await Socket.WaitForAckAsync(id, TimeSpan.FromSeconds(30));
        }

        await WaitForCountAsync("SELECT COUNT(*) FROM timeline WHERE text LIKE '%burst note %'", 100);
        await StoredState.WaitUntilAsync(async () => await Database.ScalarAsync<long>("SELECT COUNT(*) FROM inbox WHERE status = 'pending'") == 0, "the inbox to drain");
        Assert.Equal(100, await Database.ScalarAsync<long>("SELECT COUNT(*) FROM timeline WHERE text LIKE '%burst note %'"));
        Assert.Equal(100, await Database.ScalarAsync<long>("SELECT COUNT(DISTINCT text) FROM timeline WHERE text LIKE '%burst note %'"));
    }

    [Fact]
    public async Task DroppedSocket_IsUnhealthyUntilARetryWithAFreshUrlConnects()
    {
        var opensBefore = Slack.CallsTo("apps.connections.open").Count;
        Socket.RefuseNext(2);

        Socket.DropNewest();
        var unhealthy = await HealthAsync(HttpStatusCode.ServiceUnavailable);
        await Socket.WaitForConnectionsAsync(2);
        var healthy = await HealthAsync(HttpStatusCode.OK);

        Assert.Contains("slack-socket: Unhealthy (not connected", unhealthy);
        Assert.Contains("slack-socket: Healthy (connected since", healthy);
        Assert.Contains("1 reconnects", healthy);
        // Two refused attempts and the one that connected, each with a URL of its own.
        Assert.Equal(opensBefore + 3, Slack.CallsTo("apps.connections.open").Count);
        Assert.All(Slack.CallsTo("apps.connections.open"), c => Assert.Equal($"Bearer {AppToken}", c.Authorization));
        var declared = await SocketCommandAsync(Requests.Command("open P2 after the drop"));
        Assert.Equal(2, declared.Connection);
    }

    [Fact]
    public async Task EventsApiPinReaction_GoesOnTheTimeline_Once()
    {
        await SocketCommandAsync(Requests.Command("open P1 orders mart stale since 06:00"));
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.NowTs();

        var reply = await Socket.DeliverAsync("events_api", EventPayload(Requests.ThreadReply("Ev0SOCK001", headline.ResponseTs!, ts, "U0CAROL", "the 05:00 run skipped fct_orders")), acceptsResponsePayload: false);
        var pin = EventPayload(Requests.Reaction("Ev0SOCK002", "pushpin", ts, SlackRequests.Bob));
        await Socket.DeliverAsync("events_api", pin, acceptsResponsePayload: false);
        await Socket.DeliverAsync("events_api", pin, acceptsResponsePayload: false, retryAttempt: 1);

        Assert.Null(reply.Payload);
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.Single(markdown.Split($"Pinned by {SlackRequests.Bob}: the 05:00 run skipped fct_orders").Skip(1));
    }

    [Fact]
    public async Task WithoutASigningSecret_SocketModeServes_AndTheHttpEndpointsSayWhatIsMissing()
    {
        await RestartAsync(settings => settings["Slack:SigningSecret"] = "");
        var command = Requests.Command("open P2 revenue dashboard empty");

        await SocketCommandAsync(command);
        var http = await SendAsync(Requests.Command("help"));

        Assert.Contains("Declared *INC-1*", (await Slack.WaitForCallAsync(c => c.Url == command.ResponseUrl, "the answer at the response_url")).AllText);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, http.Status);
    }

    /// <summary>Polls <c>/healthz</c> until it answers <paramref name="status"/> and returns its report.</summary>
    private async Task<string> HealthAsync(HttpStatusCode status)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await Client.GetAsync("/healthz");
            var report = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                return report;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"/healthz never answered {(int)status}; last: {(int)response.StatusCode} {report}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="sql"/> counts <paramref name="count"/> (the inbox worker applies commands a moment after their ack).</summary>
    private async Task WaitForCountAsync(string sql, long count)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        long seen;
        while ((seen = await Database.ScalarAsync<long>(sql)) < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{sql}: {seen} after 90 s; expected {count}.");
            await Task.Delay(100);
        }
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SocketModeTestsOnSqlite() : SocketModeTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SocketModeTestsOnPostgres() : SocketModeTests(StorageProvider.Postgres);
