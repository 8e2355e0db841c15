namespace IncidentBot.Messages;

/// <summary>
/// Models used to check the templates at start and in tests: each template is rendered with every
/// sample, one with every field set and ones that take the other branches, so a misspelt variable
/// in any branch stops the start.
/// </summary>
internal static class SampleModels
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 9, 5, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, IReadOnlyList<object>> All => new Dictionary<string, IReadOnlyList<object>>
    {
        [MessageTemplates.Headline] =
        [
            Headline,
            Headline with { State = "Open (not acknowledged)", StateName = "Open", AcknowledgedBy = null, Affected = null, LatestUpdate = null, NextUpdateDue = null, Eta = null },
            Headline with { StateName = "Fixing", State = "Fixing" },
            Headline with { StateName = "Verifying", State = "Verifying" },
            Headline with { StateName = "Resolved", State = "Resolved", IsActive = false, IsResolved = true, Duration = "35 min" },
            Headline with { StateName = "Resolved", State = "Resolved", IsActive = false, IsResolved = true, Duration = "40 min", DataWrongFor = "2 d 12 h", ChecksFailing = 0, ChecksPassing = 2 },
            Headline with { DetectedBy = "Alertmanager", DataWrongSince = At.AddHours(-60), ChecksFailing = 2, ChecksPassing = 1 },
            Headline with { DetectedBy = "Alertmanager", ChecksFailing = 0, ChecksPassing = 3 },
            Headline with { DetectedBy = "Alertmanager", DeclaredBy = "Alertmanager", Owner = "Alertmanager", AcknowledgedBy = null, OwnerIsPerson = false, ChecksFailing = 1 },
            Headline with { StateName = "Cancelled", State = "Cancelled", IsActive = false, IsCancelled = true },
            Headline with { Downstream = null, DownstreamDashboards = null },
            Headline with { DownstreamDashboards = null },
        ],
        [MessageTemplates.Update] = [Update, Update with { RootCauseIdentified = false, RootCauseChanged = false, FixStarted = false, FixStatusChanged = false, Eta = null, EtaChanged = false, Affected = null, NextUpdateDue = null }],
        [MessageTemplates.Reminder] = [Reminder, Reminder with { HadUpdate = false }, Reminder with { OwnerIsPerson = false, Owner = "Alertmanager" }],
        [MessageTemplates.EscalationNotAcknowledged] = [Escalation],
        [MessageTemplates.EscalationNoUpdate] = [Escalation],
        [MessageTemplates.EscalationUnresolved] = [Escalation],
        [MessageTemplates.AlertCheck] =
        [
            AlertCheck,
            AlertCheck with { Kind = AlertCheckModel.StillFailing, Details = null, Url = null },
            AlertCheck with { Kind = AlertCheckModel.FailingAgain, Details = null },
            AlertCheck with { Kind = AlertCheckModel.PassingAgain, Failing = 1, Passing = 1 },
            AlertCheck with { Kind = AlertCheckModel.PassingAgain, Failing = 0, Passing = 2 },
            AlertCheck with { Kind = AlertCheckModel.Reopened },
            AlertCheck with { Kind = AlertCheckModel.Reopened, Owner = null },
            AlertCheck with { Kind = AlertCheckModel.PassingAgain, Failing = 0, Passing = 2, Owner = null },
        ],
        [MessageTemplates.Impact] = [Impact],
        [MessageTemplates.BlastRadius] =
        [
            BlastRadius,
            BlastRadius with { ListRadius = false, MoreOwners = true, Impact = [] },
            BlastRadius with { Unknown = [], Dashboards = [], Models = [], ModelsCount = 0, ModelsMore = 0, Owners = [] },
        ],
        [MessageTemplates.WatchFailing] = [WatchFailing],
        [MessageTemplates.Resolution] =
        [
            Resolution,
            Resolution with { RootCause = null, FixApplied = null, VerifiedAt = null, HowVerified = null, DataComplete = false, PostmortemDue = null, PostmortemUrl = null },
            Resolution with { PostmortemUrl = null },
        ],
        [MessageTemplates.PostmortemReminder] = [PostmortemReminder, PostmortemReminder with { Due = null, PostmortemUrl = null }],
        [MessageTemplates.Acknowledged] = [LifecycleNote],
        [MessageTemplates.Transition] = [LifecycleNote, LifecycleNote with { Note = null }],
        [MessageTemplates.SeverityChanged] = [LifecycleNote],
        [MessageTemplates.Cancelled] = [LifecycleNote, LifecycleNote with { DuplicateOf = null }, LifecycleNote with { DuplicateOf = null, Note = null }],
        [MessageTemplates.PostmortemRecorded] = [LifecycleNote with { Note = "https://wiki.example.com/pm/1" }],
        [MessageTemplates.ActionItemAdded] = [ActionItem],
        [MessageTemplates.ActionItemDone] = [ActionItem],
        [MessageTemplates.ActionItemOverdue] = [ActionItem],
        [MessageTemplates.Postmortem] =
        [
            Postmortem,
            Postmortem with { DataWrongSince = null, DataWrongFor = null, TimeToDetect = null, DetectedBy = null },
            Postmortem with { EndedAt = null, RootCause = null, FixApplied = null, Affected = null, Impact = null, DataState = null, VerifiedAt = null, HowVerified = null, PostmortemDue = null, WentWell = [], CouldImprove = [], ActionItems = [] },
        ],
    };

    public static readonly WatchFailingModel WatchFailing = new()
    {
        Name = "fct_revenue_daily",
        Failures = 3,
        Error = "SQL error 3D000: database \"warehouse\" does not exist",
        Since = At,
    };

    public static readonly AlertCheckModel AlertCheck = new()
    {
        Kind = AlertCheckModel.Joined,
        Reference = "INC-1",
        Title = "fct_sales not loaded for 7 h",
        Source = "Alertmanager",
        Details = "last load 2026-02-12 02:00",
        Url = "http://prometheus/graph",
        Fired = 4,
        Since = At,
        Failing = 2,
        Passing = 0,
        Owner = "U000000",
        SinceResolved = TimeSpan.FromMinutes(20),
    };

    public static readonly BlastRadiusModel BlastRadius = new()
    {
        Reference = "INC-1",
        ListRadius = true,
        Affected = ["raw.orders"],
        Unknown = ["fct_unknown"],
        Models = ["stg_orders", "orders", "revenue_daily"],
        ModelsCount = 4,
        ModelsMore = 1,
        Dashboards = [new DashboardRow("Revenue Dashboard", "dashboard", "high", "https://bi.example/d/1"), new DashboardRow("Ops Board", "dashboard", null, null)],
        Impact = ["downstream of revenue dashboard Revenue Dashboard"],
        Owners = ["U000000", "finance@shop.example", "Ops team"],
        MoreOwners = false,
    };

    public static readonly HeadlineModel Headline = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        SeverityLabel = "High",
        Title = "Revenue dashboard shows data as of Feb 8",
        State = "Investigating",
        StateName = "Investigating",
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
        Downstream = "4 models, 2 dashboards",
        DownstreamDashboards = "Revenue Dashboard, Ops Board",
    };

    public static readonly UpdateModel Update = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Author = "U000000",
        Text = "Root cause found: --select staging.*",
        RootCauseIdentified = true,
        RootCauseChanged = true,
        FixStatus = "in progress",
        FixStarted = true,
        FixStatusChanged = true,
        Eta = "10:00",
        EtaChanged = true,
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
        PostmortemUrl = "http://localhost/incidents/INC-1/postmortem",
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
        EndedAt = At.AddMinutes(40),
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
        DataWrongSince = At.AddHours(-60),
        DataWrongFor = "2 d 12 h",
        TimeToDetect = "2 d 11 h",
        DetectedBy = "Alertmanager",
        GeneratedAt = At.AddHours(1),
    };

    public static readonly LifecycleNoteModel LifecycleNote = new()
    {
        Reference = "INC-1",
        By = "U000000",
        From = "Fixing",
        To = "Verifying",
        ToLabel = "High",
        Emoji = ":large_orange_circle:",
        Meaning = "significant quality degradation hurting business operations",
        Note = "backfill done",
        DuplicateOf = "INC-2",
    };

    public static readonly ActionItemModel ActionItem = new()
    {
        Reference = "INC-1",
        Id = 3,
        Owner = "U000000",
        Due = "2026-02-20",
        Text = "Alert when a dbt run selects no marts",
        By = "U000000",
    };

    public static readonly ReminderModel Reminder = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        State = "Investigating",
        Owner = "U000000",
        Since = TimeSpan.FromMinutes(65),
        HadUpdate = true,
    };

    public static readonly EscalationModel Escalation = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Title = "Revenue dashboard shows data as of Feb 8",
        State = "Investigating",
        Rule = "Engineering manager",
        Notify = "<!subteam^S000000|@eng-managers>",
        After = TimeSpan.FromSeconds(110),
        Owner = "U000000",
    };

    public static readonly ImpactModel Impact = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Title = "Revenue dashboard shows data as of Feb 8",
        Impact = "Revenue",
        Notify = "<!subteam^S000000|@finance>",
    };

    public static readonly PostmortemReminderModel PostmortemReminder = new()
    {
        Reference = "INC-1",
        Severity = "P1",
        Owner = "U000000",
        Due = At.AddHours(48),
        PostmortemUrl = "http://localhost/incidents/INC-1/postmortem",
    };
}
