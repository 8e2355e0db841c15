using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Tests.Domain;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace IncidentBot.Tests.Messages;

public class PostmortemDraftTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Render_HasTheRealTimelineRootCauseAndActionItems()
    {
        var incident = Incident.Declare("Revenue dashboard | shows Feb 8", Severity.P1, Category.StaleData, "U1", "#c", T0, affectedAssets: "marts.fct_revenue <script>");
        incident.AssignNumber(7);
        incident.Acknowledge("U2", T0.AddMinutes(5));
        incident.PostUpdate("orchestrator runs only staging.*", "U2", T0.AddMinutes(20));
        incident.Resolve(new Resolution("Marts skipped for 60 h", "dbt --select staging.* in the orchestrator", "command fixed, marts rebuilt", T0.AddMinutes(35), "freshness test", "fresh and accurate", true), "U2", T0.AddMinutes(40));
        var timeline = incident.TakePendingTimeline();
        var store = Substitute.For<IIncidentStore>();
        store.FindAsync(7, Arg.Any<CancellationToken>()).Returns(incident);
        store.GetTimelineAsync(7, Arg.Any<CancellationToken>()).Returns(timeline);
        store.ListActionItemsAsync(7, Arg.Any<CancellationToken>()).Returns(new List<ActionItem>
        {
            new() { Id = 3, IncidentNumber = 7, Owner = "U3", DueDate = new DateOnly(2026, 2, 20), Text = "Add freshness check on marts", CreatedBy = "U2" },
        });
        var templates = new MessageTemplates(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates"));
        var drafts = new PostmortemDrafts(store, templates, new IncidentPolicy(UpdateCadence.Default, EscalationRule.Defaults), new FixedTime(T0.AddHours(2)), Options.Create(new IncidentsOptions()));

        var markdown = await drafts.RenderAsync(7, CancellationToken.None);

        Assert.NotNull(markdown);
        Assert.StartsWith("# Data Incident Postmortem: INC-7 Revenue dashboard \\| shows Feb 8", markdown);
        Assert.Contains("**Duration:** 2026-02-12 09:00 UTC to 2026-02-12 09:40 UTC (40 min)", markdown);
        Assert.Contains("| 2026-02-12 09:05 UTC | U2 | Acknowledged; investigating |", markdown);
        Assert.Contains("| 2026-02-12 09:20 UTC | U2 | orchestrator runs only staging.* |", markdown);
        Assert.Contains("## Root Cause\ndbt --select staging.* in the orchestrator", markdown);
        Assert.Contains("| 3 | Add freshness check on marts | U3 | 2026-02-20 | Open |", markdown);
        Assert.Contains("- Acknowledged 5 min after it was declared", markdown);
        Assert.Contains("- A status update, not chased by a reminder", markdown);
        // Measured against the configured target: with a 2-minute one, 5 minutes is something to improve.
        var strict = new PostmortemDrafts(store, templates, new IncidentPolicy(UpdateCadence.Default, [new EscalationRule("Backup", EscalationCondition.NotAcknowledged, TimeSpan.FromMinutes(2), [], "<@U9>")]), new FixedTime(T0.AddHours(2)), Options.Create(new IncidentsOptions()));
        store.GetTimelineAsync(7, Arg.Any<CancellationToken>()).Returns(timeline);
        var stricter = await strict.RenderAsync(7, CancellationToken.None);
        Assert.Contains("- Acknowledgement took 5 min", stricter);
        Assert.DoesNotContain("- Acknowledged 5 min after it was declared", stricter);
        Assert.Contains("marts.fct_revenue &lt;script&gt;", markdown);
        Assert.DoesNotContain("<script>", markdown);
    }

    [Fact]
    public async Task Render_UnknownIncident_IsNull()
    {
        var store = Substitute.For<IIncidentStore>();
        var drafts = new PostmortemDrafts(store, new MessageTemplates(Path.Combine(IncidentLifecycleTests.RepositoryRoot(), "templates")), new IncidentPolicy(UpdateCadence.Default, []), TimeProvider.System, Options.Create(new IncidentsOptions()));

        Assert.Null(await drafts.RenderAsync(99, CancellationToken.None));
    }
}

public class MarkdownTextEncoderTests
{
    [Theory]
    [InlineData("[the docs](https://evil.example/x)", "\\[the docs\\](https://evil.example/x)")]
    [InlineData("![pixel](https://evil.example/p.gif)", "!\\[pixel\\](https://evil.example/p.gif)")]
    [InlineData("<script>alert(1)</script> & co", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co")]
    [InlineData("a | b\nc", "a \\| b<br>c")]
    [InlineData("a \\| b", "a \\\\\\| b")]
    [InlineData("C:\\dbt\\", "C:\\\\dbt\\\\")]
    public void Encode_KeepsUserTextFromBecomingLinksHtmlOrTableCells(string text, string encoded)
    {
        Assert.Equal(encoded, new MarkdownTextEncoder().Encode(text));
    }
}
