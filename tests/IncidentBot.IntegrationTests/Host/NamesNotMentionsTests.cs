using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Issue 18, points 5, 7 and 8: a person is @-mentioned only when they must act (a reminder, an
/// escalation, an assignment); otherwise the bot writes their display name from <c>users.info</c>,
/// looked up when the message is sent. The postmortem draft shows names and configured groups as
/// readers know them, never Slack markup; the business impact flags are never called plain "impact".
/// </summary>
public abstract class NamesNotMentionsTests(StorageProvider provider) : BotTestBase(provider)
{
    private const string Carol = "U0CAROL";
    private const string Finding = "Found it: the 05:00 dbt run skipped fct_orders";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never)
            .Escalation(0, "Backup on-call", "NotAcknowledged", TimeSpan.FromSeconds(1), ChaseSettings.BackupGroup, "P1");
        settings["Policy:ImpactNotify:Revenue"] = ChaseSettings.RevenueGroup;
    }

    [Fact]
    public async Task ConfirmingWhatSomeoneDid_NamesThem_ButAnAssignmentMentionsTheOwner()
    {
        Slack.AddUser(SlackRequests.Bob, "bob.builder");
        Slack.AddUser(Carol, "carol");
        var headline = await OpenAsync("INC-1");

        await CommandAsync("ack INC-1", SlackRequests.Bob);
        var acknowledged = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("acknowledged INC-1", StringComparison.Ordinal), "the acknowledgement note");
        await CommandAsync($"action INC-1 add <@{Carol}|carol> +3d add a freshness check", SlackRequests.Bob);
        var added = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("Action item", StringComparison.Ordinal), "the action item note");

        Assert.Equal(":eyes: bob.builder acknowledged INC-1 and is investigating.", acknowledged.Text);
        Assert.DoesNotContain($"<@{SlackRequests.Bob}>", acknowledged.AllText);
        // The owner of the action item must act: mentioned. Who added it is named.
        Assert.Contains($"for <@{Carol}>, due", added.AllText);
        Assert.Contains("(added by bob.builder)", added.AllText);
        Assert.DoesNotContain($"<@{SlackRequests.Bob}>", added.AllText);
        // The headline, edited after the acknowledgement, names its owner.
        var edit = await Slack.WaitForCallAsync(c => c.Method == "chat.update" && c.AllText.Contains("*Owner:* bob.builder", StringComparison.Ordinal), "the headline naming bob.builder as owner");
        Assert.DoesNotContain($"<@{SlackRequests.Bob}>", edit.AllText);
        Assert.Contains($"declared by {SlackRequests.Alice}", edit.AllText);
        // Looked up once, and not while Slack waited for an answer.
        Assert.Single(Slack.SilentCalls, c => c.Method == "users.info" && (string?)c.Body["user"] == SlackRequests.Bob);
    }

    [Fact]
    public async Task TextSomeoneTyped_NeverBecomesAMentionOrAName()
    {
        Slack.AddUser(SlackRequests.Bob, "bob.builder");
        var headline = await OpenAsync("INC-1");

        await CommandAsync($"update INC-1 asked <@{SlackRequests.Bob}> and <name:{SlackRequests.Bob}> to look", SlackRequests.Bob);
        var update = await Slack.WaitForCallAsync(c => c.ThreadTs == headline.ResponseTs && c.AllText.Contains("UPDATE", StringComparison.Ordinal), "the update");

        Assert.Contains("from bob.builder", update.AllText);
        // What was typed stays text: neither the mention nor the name marker the bot uses turns into a name.
        Assert.Contains($"asked @{SlackRequests.Bob} and name:{SlackRequests.Bob} to look", update.Text);
        Assert.DoesNotContain($"<@{SlackRequests.Bob}>", update.AllText);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(update.AllText, "bob\\.builder"));
    }

    [Fact]
    public async Task PostmortemDraft_ShowsDisplayNames_AndConfiguredGroupsAsTheirHandle()
    {
        Slack.AddUser(SlackRequests.Bob, "bob.builder");
        Slack.AddUser(Carol, "carol");
        var headline = await OpenAsync("INC-1");
        await HeadlineRecording.WaitUntilRecordedAsync(Client, Requests, "INC-1", headline);
        await Slack.WaitForCallAsync(c => c.IsEscalationFor("INC-1"), "the backup on-call escalation", TimeSpan.FromSeconds(15));
        var ts = FollowUpRequests.NowTs();
        await SendAsync(Requests.ThreadReply("Ev0NAME0001", headline.ResponseTs!, ts, Carol, Finding));
        await SendAsync(Requests.Reaction("Ev0NAME0002", "pushpin", ts, SlackRequests.Bob));
        await CommandAsync($"action INC-1 add <@{Carol}|carol> +3d add a freshness check", SlackRequests.Bob);

        var markdown = await PostmortemWhenAsync(m => m.Contains("Pinned by", StringComparison.Ordinal) && m.Contains("freshness check", StringComparison.Ordinal));

        Assert.Contains($"| carol | Pinned by bob.builder: {Finding} |", markdown);
        Assert.Contains("| add a freshness check | carol |", markdown);
        Assert.Contains("Escalated (Backup on-call) to @data-backup", markdown);
        Assert.DoesNotContain("subteam", markdown);
        Assert.DoesNotContain("U0BOB", markdown);
        Assert.DoesNotContain(Carol, markdown);
    }

    [Fact]
    public async Task BusinessImpact_IsNamedApartFromWhatIsAffected()
    {
        await OpenAsync("INC-1", "open P2 revenue dashboard shows data as of Feb 8");

        var flagged = await CommandAsync("impact INC-1 revenue");
        var notice = await Slack.WaitForCallAsync(c => c.IsImpactNoticeFor("INC-1"), "the business impact notice");
        var markdown = await PostmortemWhenAsync(m => m.Contains("Revenue", StringComparison.Ordinal));

        Assert.StartsWith($":warning: *Business impact: Revenue* on INC-1 (P2): {ChaseSettings.RevenueGroup}", notice.Text);
        Assert.Contains("- **Business impact:** Revenue", markdown);
        Assert.DoesNotContain("Downstream impact", markdown);
        Assert.Contains("Business impact: Revenue", markdown);
        Assert.Equal(HttpStatusCode.OK, flagged.Status);
    }

    /// <summary>The draft once <paramref name="ready"/> holds (events and commands are applied a moment after their 200).</summary>
    private async Task<string> PostmortemWhenAsync(Func<string, bool> ready)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var response = await Client.GetAsync("/incidents/INC-1/postmortem");
            var markdown = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /incidents/INC-1/postmortem: {(int)response.StatusCode} {markdown}");
            if (ready(markdown) || DateTimeOffset.UtcNow > deadline)
            {
                return markdown;
            }
            await Task.Delay(50);
        }
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class NamesNotMentionsTestsOnSqlite() : NamesNotMentionsTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class NamesNotMentionsTestsOnPostgres() : NamesNotMentionsTests(StorageProvider.Postgres);
