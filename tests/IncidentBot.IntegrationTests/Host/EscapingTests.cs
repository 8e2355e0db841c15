using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// What people type reaches Slack as text: <c>&lt;!channel&gt;</c> in a title shows as text instead of
/// paging everyone in #data-incidents, and a mention in a title or update pings nobody.
/// </summary>
public abstract class EscapingTests(StorageProvider provider) : BotTestBase(provider)
{
    /// <summary>
    /// Command text as Slack sends it with the manifest's <c>should_escape: true</c>: "@channel" typed
    /// becomes <c>&lt;!channel&gt;</c>, a mention of dana <c>&lt;@U999|dana&gt;</c>, and a literal
    /// <c>&amp; &lt; &gt;</c> arrives as entities.
    /// </summary>
    [Fact]
    public async Task MentionsInACommandsTitleAndUpdate_ArriveAsTextThatPingsNobody()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart <!channel> stale, ask <@U999|dana> &amp; co &lt;b&gt;");
        await CommandAsync("update INC-1 backfill <!here> done by <@U999|dana>, typed &lt;!channel&gt;");
        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the update in the thread");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("backfill", StringComparison.Ordinal), "the headline edit showing the latest update");

        Assert.Contains("orders mart &lt;!channel&gt; stale, ask @dana &amp; co &lt;b&gt;", headline.AllText);
        Assert.Contains("orders mart &lt;!channel&gt; stale, ask @dana &amp; co &lt;b&gt;", headline.Text);
        Assert.Contains("backfill &lt;!here&gt; done by @dana, typed &lt;!channel&gt;", update.AllText);
        Assert.Contains("backfill &lt;!here&gt; done by @dana, typed &lt;!channel&gt;", edit.AllText);
        AssertNoCallPings();
    }

    /// <summary>Modal inputs arrive as typed, unescaped: the bot alone makes them safe.</summary>
    [Fact]
    public async Task MentionsInTheDeclarationForm_ArriveEscapedInEverySlackCall()
    {
        var view = SlackRequests.OpenModal(
            "V0ESCAPE01", "Revenue <!here> dashboard wrong <@U999>", affected: "<!channel> marts.fct_orders & co", description: "cc <@U999>");

        await SendAsync(Requests.ViewSubmission(view));
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        await Slack.WaitForCallAsync(c => c.Method == "chat.postEphemeral", "the ephemeral confirmation");

        Assert.Contains("Revenue &lt;!here&gt; dashboard wrong &lt;@U999&gt;", headline.AllText);
        Assert.Contains("&lt;!channel&gt; marts.fct_orders &amp; co", headline.AllText);
        AssertNoCallPings();
    }

    [Fact]
    public async Task MentionsInTheUpdateForm_ArriveEscapedInEverySlackCall()
    {
        var headline = await OpenAsync("INC-1");
        var view = SlackRequests.UpdateModal("V0ESCAPE02", 1, "backfill <!channel> done by <@U999>", fixStatus: "Applied", eta: "<!everyone> 11:00");

        await SendAsync(Requests.ViewSubmission(view));
        var update = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == headline.ResponseTs, "the update in the thread");
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update", "the headline edit");

        Assert.Contains("backfill &lt;!channel&gt; done by &lt;@U999&gt;", update.AllText);
        Assert.Contains("&lt;!everyone&gt; 11:00", update.AllText);
        Assert.Contains("backfill &lt;!channel&gt; done by &lt;@U999&gt;", edit.AllText);
        AssertNoCallPings();
    }

    private void AssertNoCallPings() =>
        Assert.All(Slack.Calls, call =>
        {
            Assert.DoesNotContain("<!channel>", call.AllText);
            Assert.DoesNotContain("<!here>", call.AllText);
            Assert.DoesNotContain("<!everyone>", call.AllText);
            Assert.DoesNotContain("<@U999", call.AllText);
        });
}

[Collection(HostCollection.Sqlite)]
public sealed class EscapingTestsOnSqlite() : EscapingTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class EscapingTestsOnPostgres() : EscapingTests(StorageProvider.Postgres);
