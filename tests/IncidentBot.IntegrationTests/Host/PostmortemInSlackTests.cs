using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Where people find the postmortem draft from Slack: a link when the bot knows its public address
/// (Incidents:PublicUrl), otherwise the command that shows the draft right in Slack, never a bare
/// path that Slack cannot open.
/// </summary>
public abstract class PostmortemInSlackTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task WithoutAPublicUrl_TheResolutionPointsAtTheCommand_AndTheCommandShowsTheDraftInSlack()
    {
        await OpenAsync("INC-1", "open P1 <!channel> orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the 05:00 load", user: SlackRequests.Bob);

        var resolution = await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution in the thread");
        Assert.Contains("draft: `/incident postmortem INC-1`", resolution.AllText);
        Assert.DoesNotContain("/incidents/INC-1/postmortem", resolution.AllText);

        var answer = await CommandAsync("postmortem INC-1");

        Assert.Equal("ephemeral", answer.ResponseType);
        Assert.Contains("Postmortem of INC-1: due", answer.AllText);
        Assert.Contains("# Data Incident Postmortem: INC-1", answer.AllText);
        Assert.Contains("Acknowledged; investigating", answer.AllText);
        Assert.Contains("Resolve: re-ran the 05:00 load", answer.AllText);
        // User text in the draft is escaped like everywhere else: the title pings nobody.
        Assert.Contains("&lt;!channel&gt; orders mart stale", answer.AllText);
        Assert.DoesNotContain("<!channel>", answer.AllText);
    }

    [Fact]
    public async Task WithAPublicUrl_TheResolutionAndTheCommandLinkToTheDraft()
    {
        await RestartAsync(s => s["Incidents:PublicUrl"] = "https://incidentbot.example.com/");
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        await CommandAsync("resolve INC-1 re-ran the 05:00 load", user: SlackRequests.Bob);

        var resolution = await Slack.WaitForCallAsync(c => c.IsResolutionOf("INC-1"), "the resolution in the thread");
        Assert.Contains("draft: https://incidentbot.example.com/incidents/INC-1/postmortem", resolution.AllText);
        var answer = await CommandAsync("postmortem INC-1");
        Assert.Contains("The draft, built from the timeline: https://incidentbot.example.com/incidents/INC-1/postmortem", answer.AllText);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class PostmortemInSlackTestsOnSqlite() : PostmortemInSlackTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class PostmortemInSlackTestsOnPostgres() : PostmortemInSlackTests(StorageProvider.Postgres);
