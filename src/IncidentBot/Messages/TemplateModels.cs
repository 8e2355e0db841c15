namespace IncidentBot.Messages;

/// <summary>What <c>templates/headline.scriban</c> can use (the runbook's initial notification); in templates the names are snake_case.</summary>
public sealed record HeadlineModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string SeverityLabel { get; init; }
    public required string Title { get; init; }
    /// <summary>The state as people read it ("Open (not acknowledged)").</summary>
    public required string State { get; init; }

    /// <summary>The state's name, for conditions: Open, Investigating, Fixing, Verifying, Resolved, Closed, Cancelled.</summary>
    public required string StateName { get; init; }
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

    /// <summary>Who detected it when not a person (<c>Alertmanager</c>, a watch).</summary>
    public string? DetectedBy { get; init; }

    /// <summary>False when nobody owns it yet (an alert declared it and nobody acknowledged).</summary>
    public bool OwnerIsPerson { get; init; } = true;
    public DateTimeOffset? DataWrongSince { get; init; }

    /// <summary>Resolved: how long the data was wrong ("2 d 12 h"), when it went wrong before detection.</summary>
    public string? DataWrongFor { get; init; }
    public int ChecksFailing { get; init; }
    public int ChecksPassing { get; init; }

    /// <summary>The blast radius from the catalog: "4 models, 2 dashboards", and the most important dashboards by name.</summary>
    public string? Downstream { get; init; }
    public string? DownstreamDashboards { get; init; }
}

/// <summary>What <c>templates/update.scriban</c> can use (the runbook's status update); a field that is neither known nor changed by this update is best left out.</summary>
public sealed record UpdateModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Author { get; init; }
    public required string Text { get; init; }
    public bool RootCauseIdentified { get; init; }
    public bool RootCauseChanged { get; init; }
    public required string FixStatus { get; init; }

    /// <summary>The fix has started (any status but "not started").</summary>
    public bool FixStarted { get; init; }
    public bool FixStatusChanged { get; init; }
    public string? Eta { get; init; }
    public bool EtaChanged { get; init; }
    public string? Affected { get; init; }
    public required string State { get; init; }
    public DateTimeOffset? NextUpdateDue { get; init; }
    public string? NextUpdateIn { get; init; }
}

/// <summary>What <c>templates/resolution.scriban</c> can use (the runbook's resolution message).</summary>
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

    /// <summary>The draft's address when <c>Incidents:PublicUrl</c> is set; otherwise the template names the command.</summary>
    public string? PostmortemUrl { get; init; }
}

/// <summary>What <c>templates/postmortem.scriban</c> can use (the runbook's postmortem template, Markdown).</summary>
public sealed record PostmortemModel
{
    public required string Reference { get; init; }
    public required string Title { get; init; }
    public required string Severity { get; init; }
    public required string Category { get; init; }
    public required string State { get; init; }
    public required string Author { get; init; }
    public required DateTimeOffset Start { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
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
    /// <summary>Since when the data was wrong (the last good load), when known.</summary>
    public DateTimeOffset? DataWrongSince { get; init; }

    /// <summary>How long the data was wrong ("2 d 12 h"), when known.</summary>
    public string? DataWrongFor { get; init; }

    /// <summary>How long the data was wrong before it was detected ("2 d 11 h"), when known.</summary>
    public string? TimeToDetect { get; init; }

    /// <summary>Who detected it when not a person (an alert tool, a watch).</summary>
    public string? DetectedBy { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
}

/// <summary>What <c>templates/reminder.scriban</c> can use: the owner is reminded that a status update is due.</summary>
public sealed record ReminderModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string State { get; init; }
    public required string Owner { get; init; }

    /// <summary>False when nobody owns it yet (an alert declared it and nobody acknowledged): there is no one to ping.</summary>
    public bool OwnerIsPerson { get; init; } = true;

    /// <summary>Time since the last update, or since the declaration when there was none.</summary>
    public required TimeSpan Since { get; init; }
    public bool HadUpdate { get; init; }
}

/// <summary>What the <c>templates/escalation-*.scriban</c> (one per rule condition) can use.</summary>
public sealed record EscalationModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Title { get; init; }
    public required string State { get; init; }
    public required string Rule { get; init; }

    /// <summary>From configuration; write it with <c>mention</c>.</summary>
    public required string Notify { get; init; }
    public required TimeSpan After { get; init; }
    public required string Owner { get; init; }
}

/// <summary>What <c>templates/impact.scriban</c> can use: a group is told of a flagged impact.</summary>
public sealed record ImpactModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Title { get; init; }
    public required string Impact { get; init; }

    /// <summary>From configuration; write it with <c>mention</c>.</summary>
    public required string Notify { get; init; }
}

/// <summary>What <c>templates/postmortem-reminder.scriban</c> can use.</summary>
public sealed record PostmortemReminderModel
{
    public required string Reference { get; init; }
    public required string Severity { get; init; }
    public required string Owner { get; init; }
    public DateTimeOffset? Due { get; init; }
    public string? PostmortemUrl { get; init; }
}

/// <summary>What the lifecycle notes in the thread can use: <c>acknowledged</c>, <c>transition</c>, <c>severity-changed</c>, <c>cancelled</c>.</summary>
public sealed record LifecycleNoteModel
{
    public required string Reference { get; init; }

    /// <summary>Who did it (a user id; write it with <c>user</c>).</summary>
    public required string By { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>The new severity's label, emoji and meaning (severity-changed).</summary>
    public string? ToLabel { get; init; }
    public string? Emoji { get; init; }
    public string? Meaning { get; init; }

    /// <summary>What the person typed with the step or the cancellation, if anything.</summary>
    public string? Note { get; init; }
    public string? DuplicateOf { get; init; }
}

/// <summary>What the action item notes in the thread can use: <c>action-item-added</c>, <c>action-item-done</c>, <c>action-item-overdue</c>.</summary>
public sealed record ActionItemModel
{
    public required string Reference { get; init; }
    public required long Id { get; init; }
    public required string Owner { get; init; }

    /// <summary>The due date, <c>2026-02-20</c>.</summary>
    public required string Due { get; init; }
    public required string Text { get; init; }

    /// <summary>Who added or completed it (a user id).</summary>
    public required string By { get; init; }

    public static ActionItemModel Of(Domain.ActionItem item, string by) => new()
    {
        Reference = Domain.IncidentReference.Format(item.IncidentNumber),
        Id = item.Id,
        Owner = item.Owner,
        Due = item.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Text = item.Text,
        By = by,
    };
}

public sealed record PostmortemTimelineRow(DateTimeOffset At, string Actor, string Event);

public sealed record PostmortemActionRow(long Id, string Text, string Owner, string Due, string Status);
