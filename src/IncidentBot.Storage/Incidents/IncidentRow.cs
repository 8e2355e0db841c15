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
        postmortem_required, postmortem_link, version
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
    };

    public Incident ToIncident() => Incident.FromSnapshot(ToSnapshot());
}
