using IncidentBot.Domain;
using IncidentBot.Domain.Lifecycle;

namespace IncidentBot.Tests.Domain;

public class IncidentLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private static Incident NewIncident(Severity severity = Severity.P1) =>
        Incident.Declare("orders mart stale", severity, Category.StaleData, "U1", "#data-incidents", T0);

    [Fact]
    public void Declare_StartsOpenWithAcknowledgeResolveAndCancelAsItsSteps()
    {
        var incident = NewIncident();

        Assert.Equal(IncidentState.Open, incident.State);
        Assert.Equal([IncidentTrigger.Acknowledge, IncidentTrigger.Resolve, IncidentTrigger.Cancel], incident.PermittedSteps);
        var declared = Assert.Single(incident.PendingTimeline);
        Assert.Equal(TimelineKind.Declared, declared.Kind);
        Assert.Equal("U1", declared.Actor);
    }

    [Theory]
    [InlineData(Severity.P0, 48)]
    [InlineData(Severity.P1, 48)]
    [InlineData(Severity.P2, 7 * 24)]
    [InlineData(Severity.P3, 30 * 24)]
    public void Resolve_WithAPostmortem_IsDueAfterTheRunbooksWindowForTheSeverity(Severity severity, int hours)
    {
        var incident = NewIncident(severity);
        incident.Acknowledge("U2", T0.AddMinutes(3));
        var resolvedAt = T0.AddHours(2);

        incident.Resolve(new Resolution("marts rebuilt", null, null, null, null, null, PostmortemNeeded: true), "U2", resolvedAt);

        Assert.Equal(resolvedAt.AddHours(hours), incident.PostmortemDueAt);
    }

    [Fact]
    public void Resolve_WithAPostmortem_UsesTheConfiguredWindow_AndWithoutOne_SetsNoDueDate()
    {
        var due = new IncidentBot.Domain.Policy.PostmortemDue(TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(3), TimeSpan.FromDays(14));
        var needed = NewIncident(Severity.P1);
        var notNeeded = NewIncident(Severity.P1);
        needed.Acknowledge("U2", T0.AddMinutes(3));
        notNeeded.Acknowledge("U2", T0.AddMinutes(3));

        needed.Resolve(new Resolution("marts rebuilt", null, null, null, null, null, PostmortemNeeded: true), "U2", T0.AddHours(2), due);
        notNeeded.Resolve(new Resolution("false positive in the freshness check", null, null, null, null, null, PostmortemNeeded: false), "U2", T0.AddHours(2), due);

        Assert.Equal(T0.AddHours(26), needed.PostmortemDueAt);
        Assert.Null(notNeeded.PostmortemDueAt);
    }

    [Fact]
    public void Acknowledge_MovesToInvestigatingAndRecordsResponder()
    {
        var incident = NewIncident();

        var outcome = incident.Acknowledge("U2", T0.AddMinutes(3));

        Assert.True(outcome.Changed);
        Assert.Equal(IncidentState.Investigating, incident.State);
        Assert.Equal("U2", incident.AcknowledgedBy);
        Assert.Equal(T0.AddMinutes(3), incident.AcknowledgedAt);
        Assert.Equal("U2", incident.ResponsibleUser);
        var entry = incident.PendingTimeline[^1];
        Assert.Equal((TimelineKind.Acknowledged, "Open", "Investigating"), (entry.Kind, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public void Acknowledge_WhenAlreadyAcknowledged_KeepsFirstResponder()
    {
        var incident = NewIncident();
        incident.Acknowledge("U2", T0.AddMinutes(3));
        var entries = incident.PendingTimeline.Count;

        var second = incident.Acknowledge("U3", T0.AddMinutes(5));

        Assert.False(second.Changed);
        Assert.Equal("U2", second.Responder);
        Assert.Equal(T0.AddMinutes(3), second.At);
        Assert.Equal("U2", incident.AcknowledgedBy);
        Assert.Equal(entries, incident.PendingTimeline.Count);
    }

    [Fact]
    public void Fire_WalksTheWholeLifecycleToClosed()
    {
        var incident = NewIncident(Severity.P3);
        incident.Acknowledge("U2", T0);
        incident.Fire(IncidentTrigger.StartFix, "U2", T0.AddMinutes(10));
        incident.Fire(IncidentTrigger.StartVerify, "U2", T0.AddMinutes(20));
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(30));
        Assert.Equal(IncidentState.Resolved, incident.State);
        Assert.Equal(T0.AddMinutes(30), incident.ResolvedAt);

        incident.Fire(IncidentTrigger.Close, "U2", T0.AddMinutes(40));

        Assert.Equal(IncidentState.Closed, incident.State);
        Assert.Empty(incident.PermittedSteps);
    }

    [Fact]
    public void Fire_WhenTriggerNotPermitted_SaysStateAndWhatIsPossible()
    {
        var incident = NewIncident();

        var error = Assert.Throws<IncidentRuleException>(() => incident.Fire(IncidentTrigger.StartFix, "U2", T0));

        Assert.Equal("INC-0 is Open; \"Start fix\" is not possible now. Possible now: Acknowledge (`/incident ack INC-0`), Resolve (`/incident resolve INC-0`), Cancel (`/incident cancel INC-0`).", error.Message);
        Assert.Equal(IncidentState.Open, incident.State);
    }

    [Fact]
    public void Close_WhenPostmortemRequiredAndNotDone_NamesTheGuard()
    {
        var incident = NewIncident(Severity.P1);
        incident.Acknowledge("U2", T0);
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(30));

        var error = Assert.Throws<IncidentRuleException>(() => incident.Fire(IncidentTrigger.Close, "U2", T0.AddMinutes(40)));

        Assert.Contains("(postmortem done or not required is required first)", error.Message);
        Assert.DoesNotContain(IncidentTrigger.Close, incident.PermittedTriggers);
    }

    [Fact]
    public void Reopen_FromResolved_GoesBackToInvestigatingAndClearsResolvedAt()
    {
        var incident = NewIncident();
        incident.Acknowledge("U2", T0);
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(30));

        incident.Fire(IncidentTrigger.Reopen, "U3", T0.AddMinutes(45), "numbers still off");

        Assert.Equal(IncidentState.Investigating, incident.State);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal("Reopen: numbers still off", incident.PendingTimeline[^1].Text);
    }

    [Theory]
    [InlineData(IncidentState.Open)]
    [InlineData(IncidentState.Investigating)]
    [InlineData(IncidentState.Fixing)]
    [InlineData(IncidentState.Verifying)]
    public void Cancel_IsPermittedFromEveryActiveState(IncidentState state)
    {
        var incident = InState(state);

        incident.Fire(IncidentTrigger.Cancel, "U2", T0.AddHours(1), "duplicate of INC-3");

        Assert.Equal(IncidentState.Cancelled, incident.State);
        Assert.Equal(T0.AddHours(1), incident.ClosedAt);
    }

    [Fact]
    public void ChangeSeverity_RecordsOldAndNewAndIgnoresSameValue()
    {
        var incident = NewIncident(Severity.P2);

        Assert.True(incident.ChangeSeverity(Severity.P0, "U2", T0));
        Assert.False(incident.ChangeSeverity(Severity.P0, "U2", T0));

        var entry = incident.PendingTimeline[^1];
        Assert.Equal((TimelineKind.SeverityChanged, "P2", "P0"), (entry.Kind, entry.OldValue, entry.NewValue));
        Assert.True(incident.PostmortemRequired);
    }

    [Fact]
    public void PostUpdate_WithFixApplied_AdvancesInvestigatingThroughFixingToVerifying()
    {
        var incident = NewIncident();
        incident.Acknowledge("U2", T0);

        incident.PostUpdate("backfill done", "U2", T0.AddMinutes(20), FixStatus.Applied, "10:00", rootCauseIdentified: true);

        Assert.Equal(IncidentState.Verifying, incident.State);
        Assert.Equal(T0.AddMinutes(20), incident.LastUpdateAt);
        Assert.Equal("backfill done", incident.LatestUpdate);
        Assert.True(incident.RootCauseIdentified);
        Assert.Equal("10:00", incident.Eta);
    }

    [Fact]
    public void PostUpdate_OnResolvedIncident_SaysToReopen()
    {
        var incident = NewIncident();
        incident.Acknowledge("U2", T0);
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(1));

        var error = Assert.Throws<IncidentRuleException>(() => incident.PostUpdate("more", "U2", T0.AddMinutes(2)));

        Assert.Contains("/incident reopen INC-0", error.Message);
    }

    [Fact]
    public void Declare_RejectsOverlongTitleWithAHint()
    {
        var error = Assert.Throws<IncidentRuleException>(() =>
            Incident.Declare(new string('x', 15_000), Severity.P1, Category.DataQuality, "U1", "#c", T0));

        Assert.Contains("15000 characters", error.Message);
        Assert.Contains("/incident open", error.Message);
    }

    [Fact]
    public void AssignNumber_StampsPendingTimelineEntries()
    {
        var incident = NewIncident();

        incident.AssignNumber(42);

        Assert.Equal("INC-42", incident.Reference);
        Assert.All(incident.PendingTimeline, e => Assert.Equal(42, e.IncidentNumber));
    }

    [Fact]
    public void Diagram_InReadme_MatchesTheCode()
    {
        var readme = Path.Combine(RepositoryRoot(), "README.md");
        var text = File.ReadAllText(readme);
        const string start = "<!-- lifecycle:start -->";
        const string end = "<!-- lifecycle:end -->";
        var expected = $"{start}\n```mermaid\n{LifecycleDiagram.Mermaid()}```\n\n{LifecycleDiagram.Rules()}{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"README.md has no lifecycle block; add:\n{expected}");
        var actual = text[from..(to + end.Length)];
        if (actual != expected && Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(readme, text.Replace(actual, expected, StringComparison.Ordinal));
            return;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Diagram_ListsEveryStepWithItsGuard_AndNoInternalTransition()
    {
        var mermaid = LifecycleDiagram.Mermaid();

        Assert.Contains("    Open --> Investigating : Acknowledge\n", mermaid);
        Assert.Contains("    Open --> Resolved : Resolve\n", mermaid);
        Assert.Contains("    Resolved --> Closed : Close (if postmortem done or not required)\n", mermaid);
        Assert.Equal(14, mermaid.Split("-->").Length - 2);
        Assert.DoesNotContain("PostUpdate", mermaid);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IncidentBot.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find IncidentBot.sln above " + AppContext.BaseDirectory);
    }

    private static Incident InState(IncidentState state)
    {
        var incident = NewIncident();
        if (state == IncidentState.Open)
        {
            return incident;
        }
        incident.Acknowledge("U2", T0);
        if (state >= IncidentState.Fixing)
        {
            incident.Fire(IncidentTrigger.StartFix, "U2", T0);
        }
        if (state >= IncidentState.Verifying)
        {
            incident.Fire(IncidentTrigger.StartVerify, "U2", T0);
        }
        return incident;
    }
}
