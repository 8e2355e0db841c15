namespace IncidentBot.Messages;

/// <summary>What <c>templates/headline.hbs</c> can use (the runbook's initial notification).</summary>
public sealed record HeadlineModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string SeverityLabel { get; init; }
    public required string Title { get; init; }
    public required string State { get; init; }
    public required string Category { get; init; }
    public required string Owner { get; init; }
    public required string DeclaredBy { get; init; }
    public string? AcknowledgedBy { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }
    public DateTimeOffset? NextUpdateDue { get; init; }
    public string? Affected { get; init; }
    public string? Description { get; init; }
    public string? LatestUpdate { get; init; }
    public DateTimeOffset? LastUpdateAt { get; init; }
    public required string FixStatus { get; init; }
    public string? Eta { get; init; }
    public bool RootCauseIdentified { get; init; }
    public bool IsActive { get; init; }
    public bool IsResolved { get; init; }
    public bool IsCancelled { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? Duration { get; init; }
}

/// <summary>What <c>templates/update.hbs</c> can use (the runbook's status update).</summary>
public sealed record UpdateModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    public bool RootCauseIdentified { get; init; }
    public required string FixStatus { get; init; }
    public string? Eta { get; init; }
    public string? Affected { get; init; }
    public required string State { get; init; }
    public DateTimeOffset? NextUpdateDue { get; init; }
    public string? NextUpdateIn { get; init; }
}

/// <summary>What <c>templates/resolution.hbs</c> can use (the runbook's resolution message).</summary>
public sealed record ResolutionModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Title { get; init; }
    public required string ResolvedBy { get; init; }
    public required string Summary { get; init; }
    public string? RootCause { get; init; }
    public string? FixApplied { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public string? HowVerified { get; init; }
    public required string DataState { get; init; }

    /// <summary>Someone checked the data (a time or a how is given).</summary>
    public bool Verified => VerifiedAt is not null || !string.IsNullOrWhiteSpace(HowVerified);

    /// <summary>The data is complete again (fresh or backfilled), not partially correct or unknown.</summary>
    public bool DataComplete { get; init; }

    public required string Duration { get; init; }
    public DateTimeOffset? PostmortemDue { get; init; }

    /// <summary>Where the draft is, as mrkdwn (a link, or the command that shows it); inserted with <c>{{{ }}}</c>, it is escaped already.</summary>
    public string? PostmortemDraft { get; init; }
}

/// <summary>What <c>templates/postmortem.hbs</c> can use (the runbook's postmortem template).</summary>
public sealed record PostmortemModel
{
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string Severity { get; init; }
    public required string Category { get; init; }
    public required string State { get; init; }
    public required string Author { get; init; }
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public required string Duration { get; init; }
    public required string Summary { get; init; }
    public string? RootCause { get; init; }
    public string? FixApplied { get; init; }
    public string? Affected { get; init; }
    public string? Impact { get; init; }
    public string? DataState { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public string? HowVerified { get; init; }
    public DateTimeOffset? PostmortemDue { get; init; }
    public required IReadOnlyList<PostmortemTimelineRow> Timeline { get; init; }
    public required IReadOnlyList<string> WentWell { get; init; }
    public required IReadOnlyList<string> CouldImprove { get; init; }
    public required IReadOnlyList<PostmortemActionRow> ActionItems { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

public sealed record PostmortemTimelineRow(DateTimeOffset At, string Actor, string Event);

public sealed record PostmortemActionRow(long Id, string Text, string Owner, string Due, string Status);
