using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Every request must carry Slack's signature over its exact bytes, made within the last 5 minutes.
/// Anything else gets 401 and changes nothing: no incident, no message in the channel.
/// </summary>
public abstract class SignatureTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Finding = "Found it: the 05:00 dbt run skipped fct_orders";

    [Theory]
    [InlineData(Signing.Forged)]
    [InlineData(Signing.Stale)]
    [InlineData(Signing.Unsigned)]
    public async Task Command_WithoutAValidSignature_Gets401AndDeclaresNothing(Signing signing)
    {
        var reply = await SendAsync(Requests.Command("open P0 revenue dashboard wiped", signing: signing));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        await AssertNothingWasDeclaredAsync();
    }

    [Fact]
    public async Task Command_WhoseBodyWasChangedAfterSigning_Gets401AndDeclaresNothing()
    {
        var signed = Requests.Command("open P3 typo in a dashboard label");
        var tampered = signed.WithBody(signed.BodyText.Replace("open+P3+typo", "open+P0+typo", StringComparison.Ordinal));
        Assert.NotEqual(signed.BodyText, tampered.BodyText);

        var reply = await SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        await AssertNothingWasDeclaredAsync();
    }

    [Theory]
    [InlineData(Signing.Forged)]
    [InlineData(Signing.Stale)]
    [InlineData(Signing.Unsigned)]
    public async Task AcknowledgeClick_WithoutAValidSignature_Gets401AndLeavesTheHeadlineAlone(Signing signing)
    {
        var headline = await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.Button("incident-acknowledge", 1, headline.ResponseTs!, user: SlackRequests.Bob, signing: signing));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        // A signed change to the same incident goes out after anything the forged click could have queued.
        await CommandAsync("severity INC-1 P2");
        await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit for the severity change");
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains(SlackRequests.Bob, StringComparison.Ordinal));
        var status = await CommandAsync("status INC-1");
        Assert.Contains("not acknowledged yet", status.AllText);
    }

    [Theory]
    [InlineData(Signing.Forged)]
    [InlineData(Signing.Stale)]
    [InlineData(Signing.Unsigned)]
    public async Task UrlVerification_WithoutAValidSignature_Gets401_AndDoesNotEchoTheChallenge(Signing signing)
    {
        var reply = await SendAsync(Requests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", signing));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", reply.Body);
    }

    [Fact]
    public async Task AcknowledgeClick_WhoseBodyWasChangedAfterSigning_Gets401AndLeavesTheHeadlineAlone()
    {
        var headline = await OpenAsync("INC-1");
        var signed = Requests.Button("incident-acknowledge", 1, headline.ResponseTs!, user: SlackRequests.Alice);
        // Someone replays Alice's click as Bob's, to make Bob the owner.
        var tampered = signed.WithBody(signed.BodyText.Replace(SlackRequests.Alice, SlackRequests.Bob, StringComparison.Ordinal));
        Assert.NotEqual(signed.BodyText, tampered.BodyText);

        var reply = await SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        await CommandAsync("severity INC-1 P2");
        await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit for the severity change");
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains(SlackRequests.Bob, StringComparison.Ordinal));
        Assert.Contains("not acknowledged yet", (await CommandAsync("status INC-1")).AllText);
    }

    [Theory]
    [InlineData(Signing.Forged)]
    [InlineData(Signing.Stale)]
    [InlineData(Signing.Unsigned)]
    public async Task PinReaction_WithoutAValidSignature_Gets401AndPinsNothing(Signing signing)
    {
        var ts = await KeepAThreadReplyAsync();

        var reply = await SendAsync(Requests.Reaction("Ev0PINSIG01", "pushpin", ts, SlackRequests.Bob, signing: signing));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain("Pinned by", await PostmortemAsync());
        // The same event signed: it pins, so the refused one would have, and its event_id was not used up.
        var signed = await SendAsync(Requests.Reaction("Ev0PINSIG01", "pushpin", ts, SlackRequests.Bob));
        Assert.Equal(HttpStatusCode.OK, signed.Status);
        Assert.Contains($"Pinned by {SlackRequests.Bob}: {Finding}", await PostmortemAsync());
    }

    [Fact]
    public async Task Reaction_WhoseBodyWasChangedAfterSigning_Gets401AndPinsNothing()
    {
        var ts = await KeepAThreadReplyAsync();
        var signed = Requests.Reaction("Ev0REASIG02", "eyes", ts, SlackRequests.Bob);
        var tampered = signed.WithBody(signed.BodyText.Replace("\"eyes\"", "\"pushpin\"", StringComparison.Ordinal));
        Assert.NotEqual(signed.BodyText, tampered.BodyText);

        var reply = await SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain("Pinned by", await PostmortemAsync());
    }

    /// <summary>Declares INC-1 and keeps a person's reply in its thread (a message a pin would put on the timeline); returns the reply's ts.</summary>
    private async Task<string> KeepAThreadReplyAsync()
    {
        var headline = await OpenAsync("INC-1");
        // Replies count as the incident's once the bot has stored where its headline is.
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        var ts = FollowUpRequests.NowTs();
        var kept = await SendAsync(Requests.ThreadReply("Ev0MSGSIG01", headline.ResponseTs!, ts, Carol, Finding));
        Assert.Equal(HttpStatusCode.OK, kept.Status);
        return ts;
    }

    private async Task<string> PostmortemAsync()
    {
        using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /incidents/INC-1/postmortem: {(int)response.StatusCode} {markdown}");
        return markdown;
    }

    /// <summary>A signed declaration afterwards becomes INC-1 and is the only thing that ever reaches Slack.</summary>
    private async Task AssertNothingWasDeclaredAsync()
    {
        Assert.Equal("INC-1", await SettleAsync());
        AssertOnlySettlingIncidentsReachedSlack(1);
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains("revenue dashboard wiped", StringComparison.Ordinal) || c.AllText.Contains("typo in a dashboard", StringComparison.Ordinal));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SignatureTestsOnSqlite() : SignatureTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SignatureTestsOnPostgres() : SignatureTests(StorageProvider.Postgres);
