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
    public async Task Event_WithoutAValidSignature_Gets401(Signing signing)
    {
        var reply = await SendAsync(Requests.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", signing));

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.DoesNotContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", reply.Body);
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
