using IncidentBot.Domain;

namespace IncidentBot.Storage.Incidents;

/// <summary>
/// One row of <c>incidents</c> as the database holds it (enum names, unix milliseconds); Dapper
/// reads it by column name and binds it as parameters by property name.
/// </summary>
internal sealed class IncidentRow
{
    /// <summary>Every column, in the order of <see cref="IncidentSnapshot"/>; shared by the queries that load whole incidents.</summary>
    public const string Columns = """
        number, title, description, affected_assets, severity, category, state, impact, declared_by,
        owner, acknowledged_by, detected_at, declared_at, acknowledged_at, last_update_at, resolved_at,
        closed_at, fix_status, root_cause_identified, eta, latest_update, channel, headline_ts,
        postmortem_required, postmortem_link, version,
        severity_changed_at, last_reminder_at, snoozed_until, fired_escalations, impact_notified,
        resolution_summary, root_cause, fix_applied, verified_at, how_verified, data_state,
        postmortem_due_at, postmortem_done_at, last_postmortem_reminder_at, duplicate_of, reopened_at,
        state_changed_at
        """;

    public long Number { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? AffectedAssets { get; set; }
    public string Severity { get; set; } = "";
    public string Category { get; set; } = "";
    public string State { get; set; } = "";
    public string Impact { get; set; } = "";
    public string DeclaredBy { get; set; } = "";
    public string? Owner { get; set; }
    public string? AcknowledgedBy { get; set; }
    public long DetectedAt { get; set; }
    public long DeclaredAt { get; set; }
    public long? AcknowledgedAt { get; set; }
    public long? LastUpdateAt { get; set; }
    public long? ResolvedAt { get; set; }
    public long? ClosedAt { get; set; }
    public string FixStatus { get; set; } = "";
    public bool RootCauseIdentified { get; set; }
    public string? Eta { get; set; }
    public string? LatestUpdate { get; set; }
    public string Channel { get; set; } = "";
    public string? HeadlineTs { get; set; }
    public bool PostmortemRequired { get; set; }
    public string? PostmortemLink { get; set; }
    public int Version { get; set; }
    public long? SeverityChangedAt { get; set; }
    public long? LastReminderAt { get; set; }
    public long? SnoozedUntil { get; set; }
    public string? FiredEscalations { get; set; }
    public string ImpactNotified { get; set; } = "";
    public string? ResolutionSummary { get; set; }
    public string? RootCause { get; set; }
    public string? FixApplied { get; set; }
    public long? VerifiedAt { get; set; }
    public string? HowVerified { get; set; }
    public string? DataState { get; set; }
    public long? PostmortemDueAt { get; set; }
    public long? PostmortemDoneAt { get; set; }
    public long? LastPostmortemReminderAt { get; set; }
    public long? DuplicateOf { get; set; }
    public long? ReopenedAt { get; set; }
    public long? StateChangedAt { get; set; }

    /// <summary>Written, never read back: what duplicate detection looks titles up by (see <see cref="KeyOf"/>).</summary>
    public string TitleKey => KeyOf(Title);

    /// <summary>Two titles are the same incident when they are equal ignoring case and surrounding space (ordinal, so both databases agree).</summary>
    public static string KeyOf(string? title) => (title ?? "").Trim().ToUpperInvariant();

    public static IncidentRow From(IncidentSnapshot s) => new()
    {
        Number = s.Number,
        Title = s.Title,
        Description = s.Description,
        AffectedAssets = s.AffectedAssets,
        Severity = StoredEnum.Name(s.Severity),
        Category = StoredEnum.Name(s.Category),
        State = StoredEnum.Name(s.State),
        Impact = StoredEnum.Name(s.Impact),
        DeclaredBy = s.DeclaredBy,
        Owner = s.Owner,
        AcknowledgedBy = s.AcknowledgedBy,
        DetectedAt = UnixMs.From(s.DetectedAt),
        DeclaredAt = UnixMs.From(s.DeclaredAt),
        AcknowledgedAt = UnixMs.From(s.AcknowledgedAt),
        LastUpdateAt = UnixMs.From(s.LastUpdateAt),
        ResolvedAt = UnixMs.From(s.ResolvedAt),
        ClosedAt = UnixMs.From(s.ClosedAt),
        FixStatus = StoredEnum.Name(s.FixStatus),
        RootCauseIdentified = s.RootCauseIdentified,
        Eta = s.Eta,
        LatestUpdate = s.LatestUpdate,
        Channel = s.Channel,
        HeadlineTs = s.HeadlineTs,
        PostmortemRequired = s.PostmortemRequired,
        PostmortemLink = s.PostmortemLink,
        Version = s.Version,
        SeverityChangedAt = UnixMs.From(s.SeverityChangedAt),
        LastReminderAt = UnixMs.From(s.LastReminderAt),
        SnoozedUntil = UnixMs.From(s.SnoozedUntil),
        FiredEscalations = s.FiredEscalations,
        ImpactNotified = StoredEnum.Name(s.ImpactNotified),
        ResolutionSummary = s.ResolutionSummary,
        RootCause = s.RootCause,
        FixApplied = s.FixApplied,
        VerifiedAt = UnixMs.From(s.VerifiedAt),
        HowVerified = s.HowVerified,
        DataState = s.DataState,
        PostmortemDueAt = UnixMs.From(s.PostmortemDueAt),
        PostmortemDoneAt = UnixMs.From(s.PostmortemDoneAt),
        LastPostmortemReminderAt = UnixMs.From(s.LastPostmortemReminderAt),
        DuplicateOf = s.DuplicateOf,
        ReopenedAt = UnixMs.From(s.ReopenedAt),
        StateChangedAt = UnixMs.From(s.StateChangedAt),
    };

    public IncidentSnapshot ToSnapshot() => new()
    {
        Number = Number,
        Title = Title,
        Description = Description,
        AffectedAssets = AffectedAssets,
        Severity = StoredEnum.Parse<Severity>(Severity, "incidents.severity"),
        Category = StoredEnum.Parse<Category>(Category, "incidents.category"),
        State = StoredEnum.Parse<IncidentState>(State, "incidents.state"),
        Impact = StoredEnum.Parse<ImpactFlags>(Impact, "incidents.impact"),
        DeclaredBy = DeclaredBy,
        Owner = Owner,
        AcknowledgedBy = AcknowledgedBy,
        DetectedAt = UnixMs.To(DetectedAt),
        DeclaredAt = UnixMs.To(DeclaredAt),
        AcknowledgedAt = UnixMs.To(AcknowledgedAt),
        LastUpdateAt = UnixMs.To(LastUpdateAt),
        ResolvedAt = UnixMs.To(ResolvedAt),
        ClosedAt = UnixMs.To(ClosedAt),
        FixStatus = StoredEnum.Parse<FixStatus>(FixStatus, "incidents.fix_status"),
        RootCauseIdentified = RootCauseIdentified,
        Eta = Eta,
        LatestUpdate = LatestUpdate,
        Channel = Channel,
        HeadlineTs = HeadlineTs,
        PostmortemRequired = PostmortemRequired,
        PostmortemLink = PostmortemLink,
        Version = Version,
        SeverityChangedAt = UnixMs.To(SeverityChangedAt),
        LastReminderAt = UnixMs.To(LastReminderAt),
        SnoozedUntil = UnixMs.To(SnoozedUntil),
        FiredEscalations = FiredEscalations,
        ImpactNotified = StoredEnum.Parse<ImpactFlags>(ImpactNotified, "incidents.impact_notified"),
        ResolutionSummary = ResolutionSummary,
        RootCause = RootCause,
        FixApplied = FixApplied,
        VerifiedAt = UnixMs.To(VerifiedAt),
        HowVerified = HowVerified,
        DataState = DataState,
        PostmortemDueAt = UnixMs.To(PostmortemDueAt),
        PostmortemDoneAt = UnixMs.To(PostmortemDoneAt),
        LastPostmortemReminderAt = UnixMs.To(LastPostmortemReminderAt),
        DuplicateOf = DuplicateOf,
        ReopenedAt = UnixMs.To(ReopenedAt),
        StateChangedAt = UnixMs.To(StateChangedAt),
    };

    public Incident ToIncident() => Incident.FromSnapshot(ToSnapshot());

    /// <summary>The incident, or null (reported to <paramref name="unreadable"/>) when a column holds a value this version cannot read.</summary>
    public Incident? ToIncidentOrSkip(UnreadableRows unreadable)
    {
        var reference = IncidentReference.Format(Number);
        try
        {
            var incident = ToIncident();
            unreadable.Readable(reference);
            return incident;
        }
        catch (InvalidDataException exception)
        {
            unreadable.Report(reference, exception.Message);
            return null;
        }
    }
}
