using System.Net;
using System.Text.Json.Nodes;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// A select or checkbox value the bot never offered (a forged or fuzzed submission) is refused on its
/// field before anything is stored; and a row that cannot be read is set aside, not allowed to fail
/// every reader and every other incident.
/// </summary>
public abstract class OfferedValuesTests(StorageProvider provider) : BotTestBase(provider)
{
    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("1")]
    [InlineData("Applied, InProgress")]
    [InlineData("applied")]
    public async Task AnUpdateFormWithAFixStatusItNeverOffered_IsRefusedOnThatField_AndStoresNothing(string fixStatus)
    {
        await OpenAsync("INC-1");

        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.UpdateModal("V0FIXBAD01", 1, "backfill running", fixStatus: fixStatus)));

        AssertRefusedOn(reply, "incident-fix-status");
        await AssertIncidentOneStillReadsAsync();
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains("backfill running", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("255")]
    [InlineData("Revenue", "16")]
    [InlineData("None")]
    [InlineData("Revenue, Security")]
    public async Task ADeclarationFormWithAnImpactItNeverOffered_IsRefusedOnThatField_AndDeclaresNothing(params string[] impact)
    {
        var reply = await SendAsync(Requests.ViewSubmission(SlackRequests.OpenModal("V0IMPBAD01", "orders mart stale", impact: impact)));

        AssertRefusedOn(reply, "incident-impact");
        Assert.Equal("INC-1", await SettleAsync());
    }

    [Fact]
    public async Task ARowThatCannotBeRead_IsSetAside_AndEveryoneElseIsServed()
    {
        await OpenAsync("INC-1");
        await OpenAsync("INC-2", "open P2 schema break in stg_payments");
        // What an earlier bot let through (a fix status of 99) or a newer one wrote: INC-1 no longer reads.
        await Database.ExecuteAsync("UPDATE incidents SET fix_status = '99' WHERE number = 1");

        Assert.Contains("INC-2", (await CommandAsync("list")).AllText);
        Assert.Contains("INC-2", (await CommandAsync("list all")).AllText);
        Assert.Contains("Incidents in the last 30 days: 1", (await CommandAsync("stats")).AllText);
        Assert.Contains("INC-2", (await CommandAsync("status")).AllText);
        Assert.Contains("schema break", (await CommandAsync("status INC-2")).AllText);
        using (var postmortem = await Client.GetAsync("/incidents/INC-2/postmortem"))
        {
            Assert.Equal(HttpStatusCode.OK, postmortem.StatusCode);
        }
        using (var broken = await Client.GetAsync("/incidents/INC-1/postmortem"))
        {
            Assert.True((int)broken.StatusCode < 500, $"The unreadable incident's postmortem should not be a 5xx; got {(int)broken.StatusCode}");
        }
        using var health = await Client.GetAsync("/healthz");
        var report = await health.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("INC-1", report);
        Assert.Contains("fix_status", report);
        // The others carry on: a change to INC-2 goes through and reaches Slack.
        await CommandAsync("update INC-2 backfill running");
        await Slack.WaitForCallAsync(c => c.ThreadTs is not null && c.AllText.Contains("backfill running", StringComparison.Ordinal), "INC-2's update");
    }

    private static void AssertRefusedOn(SlackReply reply, string field)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("errors", (string?)reply.Json?["response_action"]);
        var errors = reply.Json?["errors"] as JsonObject;
        Assert.NotNull(errors);
        Assert.Equal([field], errors.Select(e => e.Key).ToArray());
        Assert.DoesNotContain("went wrong", (string?)errors[field] ?? "", StringComparison.Ordinal);
    }

    private async Task AssertIncidentOneStillReadsAsync()
    {
        Assert.Equal("INC-2", await SettleAsync());
        Assert.Contains("orders mart stale", (await CommandAsync("status INC-1")).AllText);
        Assert.Contains("INC-1", (await CommandAsync("list")).AllText);
        using var postmortem = await Client.GetAsync("/incidents/INC-1/postmortem");
        Assert.Equal(HttpStatusCode.OK, postmortem.StatusCode);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class OfferedValuesTestsOnSqlite() : OfferedValuesTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class OfferedValuesTestsOnPostgres() : OfferedValuesTests(StorageProvider.Postgres);
