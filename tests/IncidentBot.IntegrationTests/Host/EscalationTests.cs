using System.Net;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// The escalation timeline and impact routing as an operator configures them: at the rule's deadline
/// the configured group is mentioned in the incident's thread, verbatim so that Slack pings it; an
/// acknowledgement in time means no escalation at all; an impact flag notifies its group once.
/// </summary>
public abstract class EscalationTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan BackupAfter = TimeSpan.FromSeconds(2);

    /// <summary>How late an escalation may come and still count as "at its deadline" on a busy machine.</summary>
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(2.5);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            // No reminders get in the way: only escalations and impact notices are chased here.
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never)
            .Escalation(0, "Backup on-call", "NotAcknowledged", BackupAfter, ChaseSettings.BackupGroup, "P1");
        settings["Policy:ImpactNotify:Revenue"] = ChaseSettings.RevenueGroup;
        settings["Policy:ImpactNotify:CustomerFacing"] = ProductGroup;
    }

    /// <summary>The group a customer-facing impact notifies.</summary>
    private const string ProductGroup = "<!subteam^S0PRODUCT|@product>";

    [Fact]
    public async Task NotAcknowledged_EscalatesAtTheDeadline_ToTheConfiguredGroup_VerbatimInTheThread()
    {
        var beforeOpen = DateTimeOffset.UtcNow;
        var declared = await CommandAsync("open P1 orders mart stale since 06:00");
        var afterOpen = DateTimeOffset.UtcNow;
        Assert.Contains("INC-1", declared.Text);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");

        var escalation = await Slack.WaitForCallAsync(c => c.IsEscalationFor("INC-1"), "the backup on-call escalation of INC-1", BackupAfter + TimeSpan.FromSeconds(10));

        ChaseCalls.AssertArrivedBetween(escalation, beforeOpen + BackupAfter, afterOpen + BackupAfter + Lateness, "The escalation", Slack);
        Assert.Equal(FakeSlackApi.IncidentsChannelId, escalation.Channel);
        Assert.Equal(headline.ResponseTs, escalation.ThreadTs);
        // P1 is a high severity: the channel sees the escalation too.
        Assert.True(escalation.ReplyBroadcast, $"A P1 escalation should be broadcast to the channel; {escalation}");
        // Notify is posted as configured: escaped (&lt;!subteam...) it would show as text and ping nobody.
        Assert.StartsWith($":rotating_light: *Escalation (Backup on-call)*: {ChaseSettings.BackupGroup}, INC-1 (P1 orders mart stale since 06:00)", escalation.Text);
        Assert.Contains(ChaseSettings.BackupGroup, escalation.AllText);
        Assert.DoesNotContain("&lt;!subteam", escalation.AllText);
        Assert.Contains($"Owner: <@{SlackRequests.Alice}>", escalation.Text);

        // Each rule fires once per incident.
        await SettleAsync();
        Assert.Single(Slack.EscalationsFor("INC-1"));
    }

    [Fact]
    public async Task AcknowledgedInTime_IsNeverEscalated()
    {
        var headline = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        // The rule applies to this incident: it would fire at declaration + 2 s.
        var status = await CommandAsync("status INC-1");
        Assert.Contains("*Escalation* Backup on-call:", status.AllText);
        Assert.Contains("unless acknowledged before", status.AllText);

        var acknowledged = await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        var acknowledgedAt = DateTimeOffset.UtcNow;
        Assert.Contains("You acknowledged INC-1", acknowledged.Text);
        Assert.True(acknowledgedAt < headline.At + BackupAfter - TimeSpan.FromSeconds(0.5),
            $"The test needs the acknowledgement well before the deadline; it came {(acknowledgedAt - headline.At).TotalSeconds:0.0} s after the headline.");

        // Past the deadline, with a margin for a late job; then nothing may have been said.
        await ChaseCalls.DelayUntilAsync(headline.At + BackupAfter + TimeSpan.FromSeconds(2));
        await SettleAsync();

        Assert.Empty(Slack.EscalationsFor("INC-1"));
        Assert.DoesNotContain(Slack.Calls, c => c.AllText.Contains("S0BACKUP", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevenueImpact_NotifiesTheConfiguredGroupOnce()
    {
        // P2: the backup on-call rule (P1 only) stays out of this thread.
        var headline = await OpenAsync("INC-1", "open P2 revenue dashboard shows data as of Feb 8");

        var first = await CommandAsync("impact INC-1 revenue");

        Assert.Equal("ephemeral", first.ResponseType);
        var notice = await Slack.WaitForCallAsync(c => c.IsImpactNoticeFor("INC-1"), "the revenue impact notice of INC-1");
        Assert.Equal(headline.ResponseTs, notice.ThreadTs);
        Assert.True(notice.ReplyBroadcast, $"An impact notice goes to the channel too; {notice}");
        Assert.Equal($":warning: *Business impact: Revenue* on INC-1 (P2): {ChaseSettings.RevenueGroup}, please join this thread.", notice.Text);
        Assert.DoesNotContain("&lt;!subteam", notice.AllText);

        var second = await CommandAsync("impact INC-1 revenue");

        Assert.Contains("INC-1 already has that business impact", second.Text);
        await SettleAsync();
        Assert.Single(Slack.Calls, c => c.IsImpactNoticeFor("INC-1"));
        Assert.Single(Slack.Calls, c => c.AllText.Contains("S0CLEVEL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevenueImpactTickedInTheDeclarationForm_NotifiesTheGroupOnceInTheThread_AndFlaggingItAgainDoesNot()
    {
        // P2: the backup on-call rule (P1 only) stays out of this thread.
        var view = SlackRequests.OpenModal("V0IMPACT01", "revenue dashboard shows data as of Feb 8", severity: "P2", category: "StaleData", impact: ["Revenue"]);

        var submitted = await SendAsync(Requests.ViewSubmission(view));

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Null(submitted.Json?["response_action"]);
        var headline = await Slack.WaitForHeadlineAsync("INC-1");
        var notice = await Slack.WaitForCallAsync(c => c.IsImpactNoticeFor("INC-1"), "the revenue impact notice of INC-1");
        Assert.Equal(headline.ResponseTs, notice.ThreadTs);
        Assert.True(notice.ReplyBroadcast, $"An impact notice goes to the channel too; {notice}");
        Assert.Equal($":warning: *Business impact: Revenue* on INC-1 (P2): {ChaseSettings.RevenueGroup}, please join this thread.", notice.Text);

        var again = await CommandAsync("impact INC-1 revenue");

        Assert.Equal("INC-1 already has that business impact.", again.Text);

        // Adding another impact notifies only its own group; revenue was told already.
        var more = await CommandAsync("impact INC-1 revenue customer-facing");

        Assert.Equal("INC-1 business impact: Revenue, CustomerFacing. The groups for it are notified in the thread.", more.Text);
        var product = await Slack.WaitForCallAsync(c => c.IsImpactNoticeFor("INC-1") && c.AllText.Contains("S0PRODUCT", StringComparison.Ordinal), "the customer-facing impact notice of INC-1");
        Assert.Equal($":warning: *Business impact: Customer-facing* on INC-1 (P2): {ProductGroup}, please join this thread.", product.Text);
        Assert.Equal(headline.ResponseTs, product.ThreadTs);
        await SettleAsync();
        Assert.Equal(2, Slack.Calls.Count(c => c.IsImpactNoticeFor("INC-1")));
        Assert.Single(Slack.Calls, c => c.AllText.Contains("S0CLEVEL", StringComparison.Ordinal));
        Assert.Single(Slack.Calls, c => c.AllText.Contains("S0PRODUCT", StringComparison.Ordinal));
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class EscalationTestsOnSqlite() : EscalationTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class EscalationTestsOnPostgres() : EscalationTests(StorageProvider.Postgres);
