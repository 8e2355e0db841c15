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
        DataComplete = true,
        Duration = "35 min",
        PostmortemDue = At.AddHours(48),
        PostmortemDraft = "http://localhost/incidents/INC-1/postmortem",
    };

    public static readonly PostmortemModel Postmortem = new()
    {
        Reference = "INC-1",
        Title = "Revenue dashboard shows data as of Feb 8",
        Severity = "P1",
        Category = "Stale Data",
        State = "Resolved",
        Author = "U000000",
        Start = At,
        End = At.AddMinutes(40),
        Duration = "40 min",
        Summary = "Marts were not refreshed for 60 hours",
        RootCause = "Orchestrator command used --select staging.*",
        FixApplied = "Command corrected, marts rebuilt",
        Affected = "marts.fct_revenue",
        Impact = "Revenue",
        DataState = "fresh and accurate",
        VerifiedAt = At.AddMinutes(40),
        HowVerified = "freshness test green",
        PostmortemDue = At.AddHours(48),
        Timeline = [new PostmortemTimelineRow(At, "U000000", "Declared")],
        WentWell = ["Acknowledged 3 min after detection"],
        CouldImprove = ["2 update reminders were needed"],
        ActionItems = [new PostmortemActionRow(1, "Add freshness check", "U000000", "2026-02-20", "Open")],
        GeneratedAt = At.AddHours(1),
    };
}
