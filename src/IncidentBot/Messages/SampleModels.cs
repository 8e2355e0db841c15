namespace IncidentBot.Messages;

/// <summary>Models with every field set, used to check the templates at start and in tests.</summary>
internal static class SampleModels
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 9, 5, 0, TimeSpan.Zero);

    public static readonly HeadlineModel Headline = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        SeverityLabel = "High",
        Title = "Revenue dashboard shows data as of Feb 8",
        State = "Investigating",
        Category = "Stale Data",
        Owner = "U000000",
        DeclaredBy = "U000000",
        AcknowledgedBy = "U000000",
        DetectedAt = At,
        NextUpdateDue = At.AddHours(1),
        Affected = "marts.fct_revenue, Revenue dashboard",
        Description = "dbt exited 0 but marts were skipped",
        LatestUpdate = "Orchestrator runs only staging.*",
        LastUpdateAt = At.AddMinutes(15),
        FixStatus = "in progress",
        Eta = "10:00",
        RootCauseIdentified = true,
        IsActive = true,
        IsResolved = false,
        IsCancelled = false,
        ResolvedAt = null,
        Duration = null,
    };

    public static readonly UpdateModel Update = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Author = "U000000",
        Text = "Root cause found: --select staging.*",
        RootCauseIdentified = true,
        FixStatus = "in progress",
        Eta = "10:00",
        Affected = "marts.fct_revenue",
        State = "Fixing",
        NextUpdateDue = At.AddHours(1),
        NextUpdateIn = "1 h",
    };

    public static readonly ResolutionModel Resolution = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Title = "Revenue dashboard shows data as of Feb 8",
        ResolvedBy = "U000000",
        Summary = "Marts were not refreshed for 60 hours",
        RootCause = "Orchestrator command used --select staging.*",
        FixApplied = "Command corrected, marts rebuilt",
        VerifiedAt = At.AddMinutes(40),
        HowVerified = "freshness test green",
        DataState = "fresh and accurate",
        Duration = "35 min",
        PostmortemDue = At.AddHours(48),
        PostmortemUrl = "http://localhost/incidents/INC-1/postmortem",
    };
}
