namespace IncidentBot.Domain;

public enum IncidentState
{
    Open,
    Investigating,
    Fixing,
    Verifying,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>
/// What can happen to an incident. The first eight move it along its lifecycle (the headline's
/// buttons); the rest leave the state as it is, but the state decides whether they are allowed.
/// </summary>
public enum IncidentTrigger
{
    Acknowledge,
    StartFix,
    StartVerify,
    VerificationFailed,
    Resolve,
    Reopen,
    Close,
    Cancel,
    ChangeSeverity,
    PostUpdate,
    Snooze,
    RecordPostmortem,
    AddActionItem,
    CompleteActionItem,
}

public static class IncidentStateExtensions
{
    /// <summary>Active incidents are the ones somebody still has to work on.</summary>
    public static bool IsActive(this IncidentState state) =>
        state is IncidentState.Open or IncidentState.Investigating or IncidentState.Fixing or IncidentState.Verifying;

    public static string DisplayName(this IncidentState state) => state switch
    {
        IncidentState.Open => "Open (not acknowledged)",
        _ => state.ToString(),
    };
}
