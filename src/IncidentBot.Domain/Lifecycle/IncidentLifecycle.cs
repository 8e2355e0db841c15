namespace IncidentBot.Domain.Lifecycle;

using Machine = StateMachine<IncidentState, IncidentTrigger>;

/// <summary>
/// The incident lifecycle, in one table. Read it as the diagram in the README (which is generated
/// from this method and checked by a golden test):
/// Open -> Investigating (acknowledged) -> Fixing -> Verifying -> Resolved -> Closed, Cancelled from
/// every active state, reopen from Resolved.
/// </summary>
public static class IncidentLifecycle
{
    public const string PostmortemSettledGuard = "postmortem done or not required";

    public static Machine Create(Func<IncidentState> accessor, Action<IncidentState> mutator, Func<bool> postmortemSettled)
    {
        var machine = new Machine(accessor, mutator);

        machine.Configure(IncidentState.Open)
            .Permit(IncidentTrigger.Acknowledge, IncidentState.Investigating)
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

        return machine;
    }

    /// <summary>A machine over a detached state, for diagrams and tests.</summary>
    public static Machine Describe()
    {
        var state = IncidentState.Open;
        return Create(() => state, s => state = s, () => true);
    }

    public static string ToMermaid() => Describe().ToMermaid(IncidentState.Open);

    public static string ToDotGraph() => Describe().ToDotGraph();

    /// <summary>The verb a person reads on a button or in a message.</summary>
    public static string Verb(IncidentTrigger trigger) => trigger switch
    {
        IncidentTrigger.Acknowledge => "Acknowledge",
        IncidentTrigger.StartFix => "Fix in progress",
        IncidentTrigger.StartVerify => "Verifying",
        IncidentTrigger.VerificationFailed => "Verification failed",
        IncidentTrigger.Resolve => "Resolve",
        IncidentTrigger.Reopen => "Reopen",
        IncidentTrigger.Close => "Close",
        _ => "Cancel",
    };
}
