using Stateless;

namespace IncidentBot.Domain.Lifecycle;

using Machine = StateMachine<IncidentState, IncidentTrigger>;

/// <summary>
/// The incident lifecycle and every rule that depends on the state, in one Stateless machine. Steps
/// (<see cref="Steps"/>) change the state; the other triggers are internal transitions, allowed only
/// in the states that configure them. The README's diagram and table are generated from it.
/// </summary>
public static class IncidentLifecycle
{
    public const string PostmortemSettledGuard = "postmortem done or not required";

    /// <summary>The triggers that change the state, in the order the headline shows their buttons.</summary>
    public static readonly IReadOnlyList<IncidentTrigger> Steps =
    [
        IncidentTrigger.Acknowledge, IncidentTrigger.StartFix, IncidentTrigger.StartVerify, IncidentTrigger.VerificationFailed,
        IncidentTrigger.Resolve, IncidentTrigger.Reopen, IncidentTrigger.Close, IncidentTrigger.Cancel,
    ];

    public static bool IsStep(IncidentTrigger trigger) => trigger <= IncidentTrigger.Cancel;

    public static Machine Create(Func<IncidentState> accessor, Action<IncidentState> mutator, Func<bool> postmortemSettled)
    {
        var machine = new Machine(accessor, mutator);

        machine.Configure(IncidentState.Open)
            .Permit(IncidentTrigger.Acknowledge, IncidentState.Investigating)
            .Permit(IncidentTrigger.Resolve, IncidentState.Resolved)
            .Permit(IncidentTrigger.Cancel, IncidentState.Cancelled);

        machine.Configure(IncidentState.Investigating)
            .Permit(IncidentTrigger.StartFix, IncidentState.Fixing)
            .Permit(IncidentTrigger.Resolve, IncidentState.Resolved)
            .Permit(IncidentTrigger.Cancel, IncidentState.Cancelled);

        machine.Configure(IncidentState.Fixing)
            .Permit(IncidentTrigger.StartVerify, IncidentState.Verifying)
            .Permit(IncidentTrigger.Resolve, IncidentState.Resolved)
            .Permit(IncidentTrigger.Cancel, IncidentState.Cancelled);

        machine.Configure(IncidentState.Verifying)
            .Permit(IncidentTrigger.Resolve, IncidentState.Resolved)
            .Permit(IncidentTrigger.VerificationFailed, IncidentState.Fixing)
            .Permit(IncidentTrigger.Cancel, IncidentState.Cancelled);

        machine.Configure(IncidentState.Resolved)
            .Permit(IncidentTrigger.Reopen, IncidentState.Investigating)
            .PermitIf(IncidentTrigger.Close, IncidentState.Closed, postmortemSettled, PostmortemSettledGuard);

        machine.Configure(IncidentState.Closed);
        machine.Configure(IncidentState.Cancelled);

        // What may happen without a change of state, and where.
        Allow(machine, IncidentTrigger.PostUpdate, IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying);
        Allow(machine, IncidentTrigger.Snooze, IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying);
        Allow(machine, IncidentTrigger.ChangeSeverity, IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying, IncidentState.Resolved);
        Allow(machine, IncidentTrigger.RecordPostmortem, IncidentState.Resolved);
        Allow(machine, IncidentTrigger.AddActionItem, IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying, IncidentState.Resolved, IncidentState.Closed);
        Allow(machine, IncidentTrigger.CompleteActionItem, IncidentState.Open, IncidentState.Investigating, IncidentState.Fixing, IncidentState.Verifying, IncidentState.Resolved, IncidentState.Closed);

        return machine;
    }

    private static void Allow(Machine machine, IncidentTrigger trigger, params IncidentState[] states)
    {
        foreach (var state in states)
        {
            machine.Configure(state).InternalTransition(trigger, () => { });
        }
    }

    /// <summary>A machine over a detached state, for diagrams and tests.</summary>
    public static Machine Describe(IncidentState initial = IncidentState.Open)
    {
        var state = initial;
        return Create(() => state, s => state = s, () => true);
    }

    /// <summary>Triggers that can fire now, steps first in <see cref="Steps"/> order.</summary>
    public static IReadOnlyList<IncidentTrigger> Permitted(Machine machine) =>
        Enum.GetValues<IncidentTrigger>().Where(t => machine.CanFire(t)).ToList();

    /// <summary>The label a person reads on a button, in a refusal or in the timeline: what they do.</summary>
    public static string Verb(IncidentTrigger trigger) => trigger switch
    {
        IncidentTrigger.Acknowledge => "Acknowledge",
        IncidentTrigger.StartFix => "Start fix",
        IncidentTrigger.StartVerify => "Start verifying",
        IncidentTrigger.VerificationFailed => "Verification failed",
        IncidentTrigger.Resolve => "Resolve",
        IncidentTrigger.Reopen => "Reopen",
        IncidentTrigger.Close => "Close",
        IncidentTrigger.Cancel => "Cancel",
        IncidentTrigger.ChangeSeverity => "Change severity",
        IncidentTrigger.PostUpdate => "Post update",
        IncidentTrigger.Snooze => "Snooze reminders",
        IncidentTrigger.RecordPostmortem => "Record the postmortem",
        IncidentTrigger.AddActionItem => "Add an action item",
        _ => "Complete an action item",
    };

    /// <summary>The slash command that fires a step, if there is one.</summary>
    public static string? Command(IncidentTrigger trigger, string reference) => trigger switch
    {
        IncidentTrigger.Acknowledge => $"/incident ack {reference}",
        IncidentTrigger.StartFix => $"/incident fix {reference}",
        IncidentTrigger.StartVerify => $"/incident verify {reference}",
        IncidentTrigger.Resolve => $"/incident resolve {reference}",
        IncidentTrigger.Reopen => $"/incident reopen {reference}",
        IncidentTrigger.Close => $"/incident close {reference}",
        IncidentTrigger.Cancel => $"/incident cancel {reference}",
        _ => null,
    };
}
