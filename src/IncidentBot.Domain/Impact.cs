namespace IncidentBot.Domain;

/// <summary>Impact flags from the runbook's impact assessment; each routes to a group (issue 3's impact-based escalation).</summary>
[Flags]
public enum ImpactFlags
{
    None = 0,
    Revenue = 1,
    CustomerFacing = 2,
    Regulatory = 4,
    Security = 8,
}

/// <summary>Where a fix stands, as the runbook's status update template says it.</summary>
public enum FixStatus
{
    NotStarted,
    InProgress,
    Applied,
}

public static class FixStatusExtensions
{
    public static string DisplayName(this FixStatus status) => status switch
    {
        FixStatus.InProgress => "in progress",
        FixStatus.Applied => "applied, pending verification",
        _ => "not started",
    };
}
