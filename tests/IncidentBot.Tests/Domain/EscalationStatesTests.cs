using IncidentBot.Domain;
using IncidentBot.Domain.Policy;

namespace IncidentBot.Tests.Domain;

/// <summary>Escalation rules and the states an incident is in: named states, and the grace an Unresolved rule gives a fix being verified.</summary>
public class EscalationStatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly EscalationRule Executive = new("Executive", EscalationCondition.Unresolved, TimeSpan.FromHours(2), [Severity.P0], "<@U9>");

    private static Incident Verifying(DateTimeOffset since)
    {
        var incident = Incident.Declare("marts stale", Severity.P0, Category.StaleData, "U1", "#data-incidents", T0);
        incident.Acknowledge("U2", T0.AddMinutes(5));
        incident.Fire(IncidentTrigger.StartFix, "U2", T0.AddMinutes(30));
        incident.Fire(IncidentTrigger.StartVerify, "U2", since);
        return incident;
    }

    [Fact]
    public void Unresolved_WhileVerifying_WaitsForTheGraceFromWhenVerifyingStarted()
    {
        var policy = new IncidentPolicy(UpdateCadence.Default, [Executive]);

        // Verifying from 10:59; the 11:00 page waits until 11:29.
        Assert.Equal(T0.AddMinutes(119 + 30), policy.EscalationDue(Verifying(T0.AddMinutes(119)), Executive));
    }

    [Fact]
    public void Unresolved_VerifyingLongBeforeTheDeadline_FiresAtTheDeadline() =>
        Assert.Equal(T0.AddHours(2), new IncidentPolicy(UpdateCadence.Default, [Executive]).EscalationDue(Verifying(T0.AddMinutes(60)), Executive));

    [Fact]
    public void Unresolved_WhenVerificationFails_IsDueAtItsOwnDeadlineAgain()
    {
        var policy = new IncidentPolicy(UpdateCadence.Default, [Executive]);
        var incident = Verifying(T0.AddMinutes(119));

        incident.Fire(IncidentTrigger.VerificationFailed, "U2", T0.AddMinutes(125));

        Assert.Equal(T0.AddHours(2), policy.EscalationDue(incident, Executive));
    }

    [Fact]
    public void VerifyGrace_OfZero_HoldsNothingOff() =>
        Assert.Equal(T0.AddHours(2), new IncidentPolicy(UpdateCadence.Default, [Executive], TimeSpan.Zero).EscalationDue(Verifying(T0.AddMinutes(119)), Executive));

    [Fact]
    public void NoUpdate_WhileVerifying_GetsNoGrace()
    {
        var manager = new EscalationRule("Engineering manager", EscalationCondition.NoUpdate, TimeSpan.FromMinutes(30), [], "<@U8>");

        Assert.Equal(T0.AddMinutes(30), new IncidentPolicy(UpdateCadence.Default, [manager]).EscalationDue(Verifying(T0.AddMinutes(20)), manager));
    }

    [Fact]
    public void RuleNamingStates_DoesNotFireInOthers_AndFiresInItsOwnWithoutGrace()
    {
        var untilFixed = Executive with { States = [IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing] };
        var evenVerifying = Executive with { States = [IncidentState.Verifying] };
        var policy = new IncidentPolicy(UpdateCadence.Default, [untilFixed, evenVerifying]);
        var incident = Verifying(T0.AddMinutes(119));

        Assert.Null(policy.EscalationDue(incident, untilFixed));
        Assert.Equal(T0.AddHours(2), policy.EscalationDue(incident, evenVerifying));
        Assert.Equal([evenVerifying], policy.Plan(incident).Escalations.Select(e => e.Rule));
    }

    [Fact]
    public void EveryTransition_RecordsWhenTheStateWasEntered()
    {
        var incident = Verifying(T0.AddMinutes(40));

        Assert.Equal(T0.AddMinutes(40), incident.StateChangedAt);
        Assert.Equal(T0.AddMinutes(40), Incident.FromSnapshot(incident.ToSnapshot()).StateChangedAt);
    }
}
