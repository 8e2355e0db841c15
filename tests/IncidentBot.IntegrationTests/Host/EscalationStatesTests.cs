using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Escalation rules and incident states, as the STAT6 replay met them: "P0 unresolved" paged while
/// the fix was being verified. An Unresolved rule without states of its own holds off in Verifying
/// for Policy:VerifyGrace; a rule with Policy:Escalations:n:States fires only in those states.
/// </summary>
public abstract class EscalationStatesTests(StorageProvider provider) : BotTestBase(provider)
{
    private static readonly TimeSpan After = TimeSpan.FromSeconds(5);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings.FastScheduling()
            .UpdateEvery(ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never, ChaseSettings.Never)
            .Escalation(0, "Executive", "Unresolved", After, "<!subteam^S0EXEC|@executives>", "P1")
            .Escalation(1, "Platform lead", "Unresolved", After, "<!subteam^S0LEADS|@platform-leads>", "P1");
        settings["Policy:Escalations:1:States:0"] = "Open";
        settings["Policy:Escalations:1:States:1"] = "Investigating";
        // Longer than the test: a verifying incident is not paged "unresolved" while it runs.
        settings["Policy:VerifyGrace"] = ChaseSettings.Span(ChaseSettings.Never);
    }

    [Fact]
    public async Task UnresolvedRules_DoNotFireWhileTheFixIsVerified_OrOutsideTheStatesTheyName()
    {
        var verifying = await OpenAsync("INC-1", "open P1 orders mart stale since 06:00");
        await CommandAsync("ack INC-1", user: SlackRequests.Bob);
        Assert.Contains("INC-1", (await CommandAsync("fix INC-1 re-running the skipped models", user: SlackRequests.Bob)).Text);
        Assert.Contains("INC-1", (await CommandAsync("verify INC-1 freshness checks running", user: SlackRequests.Bob)).Text);
        Assert.True(DateTimeOffset.UtcNow < verifying.At + After - TimeSpan.FromSeconds(0.5),
            $"The test needs INC-1 verifying well before its deadline; it took {(DateTimeOffset.UtcNow - verifying.At).TotalSeconds:0.0} s.");
        // The same rules on an incident still being investigated: both fire, so they are live.
        await OpenAsync("INC-2", "open P1 payments mart stale since 06:00");
        await CommandAsync("ack INC-2", user: SlackRequests.Bob);

        await Slack.WaitForAsync(calls => calls.Count(c => c.IsEscalationFor("INC-2")) == 2, "both escalations of INC-2", After + TimeSpan.FromSeconds(15));
        await ChaseCalls.DelayUntilAsync(verifying.At + After + TimeSpan.FromSeconds(2));
        await SettleAsync();

        Assert.True(Slack.EscalationsFor("INC-1").Count == 0, $"INC-1 is Verifying: no rule may page about it.\n{Slack.Dump()}");
        var status = (await CommandAsync("status INC-1")).AllText;
        Assert.Contains("*Escalation* Executive:", status);
        Assert.DoesNotContain("Platform lead", status);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class EscalationStatesTestsOnSqlite() : EscalationStatesTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class EscalationStatesTestsOnPostgres() : EscalationStatesTests(StorageProvider.Postgres);
