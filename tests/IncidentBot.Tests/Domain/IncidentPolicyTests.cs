using IncidentBot.Domain;
using IncidentBot.Domain.Policy;

namespace IncidentBot.Tests.Domain;

public class IncidentPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly IncidentPolicy Policy = new(UpdateCadence.Default, EscalationRule.Defaults);

    private static Incident Declare(Severity severity) =>
        Incident.Declare("revenue mart stale", severity, Category.StaleData, "U1", "#data-incidents", T0);

    private static DateTimeOffset? Due(Incident incident, string slug) =>
        Policy.Plan(incident).Escalations.FirstOrDefault(e => e.Rule.Slug == slug)?.DueAt;

    [Theory]
    [InlineData(Severity.P0, 30)]
    [InlineData(Severity.P1, 60)]
    [InlineData(Severity.P2, 240)]
    [InlineData(Severity.P3, 1440)]
    public void NextReminder_FollowsTheSeverityCadence(Severity severity, int minutes) =>
        Assert.Equal(T0.AddMinutes(minutes), Policy.NextReminder(Declare(severity)));

    [Fact]
    public void NextReminder_RestartsAtEveryStatusUpdate()
    {
        var incident = Declare(Severity.P1);
        incident.Acknowledge("U2", T0.AddMinutes(5));
        incident.PostUpdate("investigating the orchestrator", "U2", T0.AddMinutes(50));

        Assert.Equal(T0.AddMinutes(110), Policy.NextReminder(incident));
    }

    [Fact]
    public void NextReminder_AfterSeverityChange_UsesTheNewCadenceFromTheChange()
    {
        var incident = Declare(Severity.P2);
        incident.ChangeSeverity(Severity.P0, "U2", T0.AddMinutes(20));

        Assert.Equal(T0.AddMinutes(50), Policy.NextReminder(incident));
    }

    [Fact]
    public void NextReminder_AfterAReminder_CountsFromTheReminderNotFromMissedPeriods()
    {
        var incident = Declare(Severity.P0);
        // The bot was down from 09:20 to 11:00: the 09:30 reminder goes out once at 11:00...
        incident.RecordReminder(T0.AddHours(2));

        // ...and the next one is a full cadence later, not 10:00, 10:30, 11:00 in a burst.
        Assert.Equal(T0.AddHours(2).AddMinutes(30), Policy.NextReminder(incident));
    }

    [Fact]
    public void NextReminder_WhenSnoozed_WaitsForTheSnoozeToEnd()
    {
        var incident = Declare(Severity.P0);
        incident.Snooze(TimeSpan.FromHours(1), "U2", T0.AddMinutes(25));

        Assert.Equal(T0.AddMinutes(85), Policy.NextReminder(incident));
    }

    [Fact]
    public void NextReminder_WhenResolvedOrCancelled_IsNone()
    {
        var resolved = Declare(Severity.P1);
        resolved.Acknowledge("U2", T0);
        resolved.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(10));
        var cancelled = Declare(Severity.P1);
        cancelled.Fire(IncidentTrigger.Cancel, "U2", T0.AddMinutes(10));

        Assert.Null(Policy.NextReminder(resolved));
        Assert.Null(Policy.NextReminder(cancelled));
        Assert.Same(IncidentPlan.Nothing, Policy.Plan(resolved));
    }

    [Fact]
    public void Plan_ForANewP0_HasTheSeedsTimelineInOrder()
    {
        var plan = Policy.Plan(Declare(Severity.P0));

        Assert.Equal(
            [("backup-on-call", T0.AddMinutes(15)), ("engineering-manager", T0.AddMinutes(30)), ("vp-engineering", T0.AddHours(1)), ("executive", T0.AddHours(2))],
            plan.Escalations.Select(e => (e.Rule.Slug, e.DueAt)));
    }

    [Fact]
    public void Plan_ForAP3_HasNoEscalationsByDefault() =>
        Assert.Empty(Policy.Plan(Declare(Severity.P3)).Escalations);

    [Fact]
    public void NotAcknowledged_IsCancelledByAcknowledgement()
    {
        var incident = Declare(Severity.P1);
        Assert.Equal(T0.AddMinutes(15), Due(incident, "backup-on-call"));

        incident.Acknowledge("U2", T0.AddMinutes(10));

        Assert.Null(Due(incident, "backup-on-call"));
    }

    [Fact]
    public void NoUpdate_MovesWithEveryUpdate()
    {
        var incident = Declare(Severity.P1);
        incident.Acknowledge("U2", T0.AddMinutes(1));
        incident.PostUpdate("found it", "U2", T0.AddMinutes(25));

        Assert.Equal(T0.AddMinutes(55), Due(incident, "engineering-manager"));
    }

    [Fact]
    public void Unresolved_AppliesToP0Only_AndFollowsSeverityChanges()
    {
        var incident = Declare(Severity.P1);
        Assert.Null(Due(incident, "vp-engineering"));

        incident.ChangeSeverity(Severity.P0, "U2", T0.AddMinutes(40));

        Assert.Equal(T0.AddHours(1), Due(incident, "vp-engineering"));
        Assert.Equal(T0.AddHours(2), Due(incident, "executive"));
    }

    [Fact]
    public void Escalation_FiresAtMostOncePerRule()
    {
        var incident = Declare(Severity.P0);

        Assert.True(incident.RecordEscalation("backup-on-call", "Backup on-call", "<!subteam^S1|@backup>", T0.AddMinutes(15)));
        Assert.False(incident.RecordEscalation("backup-on-call", "Backup on-call", "<!subteam^S1|@backup>", T0.AddMinutes(16)));

        Assert.Null(Due(incident, "backup-on-call"));
        Assert.Single(incident.PendingTimeline, e => e.Kind == TimelineKind.Escalation);
    }

    [Fact]
    public void Resolve_CancelsEveryPendingEscalation()
    {
        var incident = Declare(Severity.P0);
        incident.Acknowledge("U2", T0.AddMinutes(1));
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(20));

        Assert.Empty(Policy.Plan(incident).Escalations);
    }

    [Fact]
    public void Reopen_RestartsTheClocks()
    {
        var incident = Declare(Severity.P1);
        incident.Acknowledge("U2", T0.AddMinutes(1));
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddMinutes(20));

        incident.Fire(IncidentTrigger.Reopen, "U3", T0.AddHours(3));

        Assert.Equal(T0.AddHours(4), Policy.NextReminder(incident));
        Assert.Equal(T0.AddHours(3).AddMinutes(30), Due(incident, "engineering-manager"));
    }

    [Fact]
    public void Reopen_RearmsEscalationsThatFired_CountingFromTheReopening()
    {
        var incident = Declare(Severity.P0);
        Assert.True(incident.RecordEscalation("vp-engineering", "VP Engineering", "<@U9>", T0.AddHours(1)));
        incident.Acknowledge("U2", T0.AddHours(1));
        incident.Fire(IncidentTrigger.Resolve, "U2", T0.AddHours(1.5));

        incident.Fire(IncidentTrigger.Reopen, "U3", T0.AddHours(5));

        Assert.Equal(T0.AddHours(5), incident.EpisodeStart);
        Assert.Empty(incident.FiredEscalations);
        // Unresolved for an hour of the new round, not "overdue since 10:00".
        Assert.Equal(T0.AddHours(6), Due(incident, "vp-engineering"));
        Assert.Equal(T0.AddHours(7), Due(incident, "executive"));
        // Acknowledged before, so the backup on-call is not paged again.
        Assert.Null(Due(incident, "backup-on-call"));
        Assert.True(incident.RecordEscalation("vp-engineering", "VP Engineering", "<@U9>", T0.AddHours(6)));
        Assert.Null(Due(incident, "vp-engineering"));
    }

    [Fact]
    public void Rule_WithEmptySeverities_AppliesToAll()
    {
        var policy = new IncidentPolicy(UpdateCadence.Default, [new EscalationRule("Anyone", EscalationCondition.Unresolved, TimeSpan.FromHours(8), [], "<@U9>")]);

        Assert.Equal(T0.AddHours(8), policy.Plan(Declare(Severity.P3)).Escalations.Single().DueAt);
    }

    [Theory]
    [InlineData("Backup on-call", "backup-on-call")]
    [InlineData("  VP / Engineering!! ", "vp-engineering")]
    public void Slugify_MakesJobSafeIds(string name, string slug) =>
        Assert.Equal(slug, EscalationRule.Slugify(name));

    [Fact]
    public void Postmortem_IsChasedAtItsDueDateThenDaily()
    {
        var incident = Declare(Severity.P1);
        incident.Acknowledge("U2", T0);
        incident.Resolve(new Resolution("marts skipped", "--select staging.*", "command fixed", T0.AddMinutes(50), "freshness test", "fresh and accurate", true), "U2", T0.AddHours(1));
        Assert.Equal(T0.AddHours(49), PostmortemPolicy.NextReminder(incident));

        incident.RecordPostmortemReminder(T0.AddHours(49));
        Assert.Equal(T0.AddHours(73), PostmortemPolicy.NextReminder(incident));

        incident.CompletePostmortem("https://wiki/pm/1", "U2", T0.AddHours(80));
        Assert.Null(PostmortemPolicy.NextReminder(incident));
        Assert.Equal(IncidentState.Closed, incident.State);
    }
}
