using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// User text reaches Slack escaped (<c>&lt;</c> as <c>&amp;lt;</c>), so <c>&lt;!channel&gt;</c> in a title
/// shows as text instead of paging everyone in #data-incidents, and <c>&lt;@U999&gt;</c> pings nobody.
/// </summary>
public abstract class EscapingTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task MentionsInATitleAndAnUpdate_ArriveEscapedInEverySlackCall()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart <!channel> stale, ask <@U999> & co");
        await CommandAsync("update INC-1 backfill <!channel> done by <@U999>");
        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the update in the thread");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("backfill", StringComparison.Ordinal), "the headline edit showing the latest update");

        Assert.Contains("orders mart &lt;!channel&gt; stale, ask &lt;@U999&gt; &amp; co", headline.AllText);
        Assert.Contains("orders mart &lt;!channel&gt; stale, ask &lt;@U999&gt; &amp; co", headline.Text);
        Assert.Contains("backfill &lt;!channel&gt; done by &lt;@U999&gt;", update.AllText);
        Assert.Contains("backfill &lt;!channel&gt; done by &lt;@U999&gt;", edit.AllText);
        Assert.All(Slack.Calls, call =>
        {
            Assert.DoesNotContain("<!channel>", call.AllText);
            Assert.DoesNotContain("<@U999>", call.AllText);
        });
    }

    [Fact]
    public async Task MentionsInAFormSubmission_ArriveEscapedInEverySlackCall()
    {
        var view = SlackRequests.OpenModal(
            "V0ESCAPE01", "Revenue <!here> dashboard wrong", affected: "<!channel> marts.fct_orders", description: "cc <@U999>");

        await SendAsync(Requests.ViewSubmission(view));
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        await Slack.WaitForCallAsync(c => c.Method == "chat.postEphemeral", "the ephemeral confirmation");

        Assert.Contains("Revenue &lt;!here&gt; dashboard wrong", headline.AllText);
        Assert.Contains("&lt;!channel&gt; marts.fct_orders", headline.AllText);
        Assert.All(Slack.Calls, call =>
        {
            Assert.DoesNotContain("<!here>", call.AllText);
            Assert.DoesNotContain("<!channel>", call.AllText);
            Assert.DoesNotContain("<@U999>", call.AllText);
        });
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class EscapingTestsOnSqlite() : EscapingTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class EscapingTestsOnPostgres() : EscapingTests(StorageProvider.Postgres);
