using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/incident cancel INC-n duplicate of INC-m</c>: the duplicate is cancelled (headline edited, a note
/// in its thread, no postmortem) and the answer names the original; a duplicate of an incident that
/// does not exist, or of itself, changes nothing and says why.
/// </summary>
public abstract class CancelTests(StorageProvider provider) : BotTestBase(provider)
{
    [Fact]
    public async Task CancelAsDuplicate_CancelsIt_EditsItsHeadline_AndNamesTheOriginal()
    {
        var original = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var duplicate = await OpenAsync("INC-2", "open P1 fct_orders has no rows for today");

        var reply = await CommandAsync("cancel INC-2 duplicate of INC-1");

        Assert.True(reply.Deferred, $"A cancellation is a change, answered through the response_url; {reply}");
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Equal("INC-2 cancelled (a duplicate of INC-1).", reply.Text);
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.Ts == duplicate.ResponseTs, "the edit of INC-2's headline");
        Assert.Equal("INC-2 [P1] Cancelled: fct_orders has no rows for today", edit.Text);
        Assert.Contains("*CANCELLED -- Data Incident*", edit.AllText);
        Assert.Null(edit.Element("incident-acknowledge"));
        var note = await Slack.WaitForCallAsync(c => c.Method == "chat.postMessage" && c.ThreadTs == duplicate.ResponseTs, "the note in INC-2's thread");
        Assert.Equal($":heavy_minus_sign: {SlackRequests.Alice} cancelled INC-2: a duplicate of INC-1. No postmortem follows.", note.Text);

        Assert.Contains("*Status:* Cancelled", (await CommandAsync("status INC-2")).AllText);
        Assert.StartsWith("Postmortem of INC-2: not required.", (await CommandAsync("postmortem INC-2")).Text);
        // The original carries on untouched.
        Assert.Contains("*Status:* Open", (await CommandAsync("status INC-1")).AllText);
        await SettleAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.Ts == original.ResponseTs || c.ThreadTs == original.ResponseTs);
        Assert.Single(Slack.Calls, c => c.Method == "chat.update");
    }

    [Fact]
    public async Task CancelAsDuplicateOfAnIncidentThatDoesNotExist_SaysSo_AndChangesNothing()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var duplicate = await OpenAsync("INC-2", "open P1 fct_orders has no rows for today");

        var reply = await CommandAsync("cancel INC-2 duplicate of INC-99");

        Assert.True(reply.Deferred, $"Whether INC-99 exists is known only to the database, so the answer comes later; {reply}");
        Assert.Equal("There is no INC-99 to be a duplicate of. `/incident list all` shows the incidents.", reply.Text);
        Assert.Equal("INC-3", await SettleAsync());
        Assert.DoesNotContain(Slack.Calls, c => c.Method == "chat.update" || c.ThreadTs == duplicate.ResponseTs);
        Assert.Contains("*Status:* Open", (await CommandAsync("status INC-2")).AllText);
    }

    [Fact]
    public async Task CancelAsDuplicateOfItself_IsRefusedAtOnce_AndChangesNothing()
    {
        await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        var incident = await OpenAsync("INC-2", "open P1 fct_orders has no rows for today");

        var reply = await CommandAsync("cancel INC-2 duplicate of INC-2");

        Assert.False(reply.Deferred, $"Nothing needs the database to see this mistake: it is answered inline; {reply}");
        Assert.Equal("ephemeral", reply.ResponseType);
        Assert.Equal("An incident cannot be a duplicate of itself.", reply.Text);
        Assert.Equal("INC-3", await SettleAsync());
        Assert.DoesNotContain(Slack.Calls, c => c.Method == "chat.update" || c.ThreadTs == incident.ResponseTs);
        Assert.Contains("*Status:* Open", (await CommandAsync("status INC-2")).AllText);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class CancelTestsOnSqlite() : CancelTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class CancelTestsOnPostgres() : CancelTests(StorageProvider.Postgres);
