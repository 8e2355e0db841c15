using System.Text.Json.Nodes;
using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Catalog;
using IncidentBot.Domain.Lifecycle;
using IncidentBot.Domain.Policy;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>The fields a status update may change, as they were before it.</summary>
public sealed record UpdateFields(bool RootCauseIdentified, FixStatus FixStatus, string? Eta)
{
    public static UpdateFields Of(Incident incident) => new(incident.RootCauseIdentified, incident.FixStatus, incident.Eta);
}

/// <summary>A message ready for Slack: mrkdwn fallback text (notifications, screen readers) and blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);

/// <summary>
/// Turns incidents into Slack messages: the headline (rendered from the incident as it is now, with
/// the severity menu and a button per permitted lifecycle step), status updates, reminders,
/// escalations, impact notices, resolutions and postmortem reminders, each from its template in
/// <c>templates/</c>; short notes. All user text is escaped.
/// </summary>
public sealed class IncidentMessages(MessageTemplates templates, UpdateCadence cadence, IncidentsOptions? incidents = null, Func<DataCatalog>? catalog = null)
{
    /// <summary>Dashboards the headline names (most important first); the thread lists them all.</summary>
    public const int HeadlineDashboards = 3;

    /// <summary>Downstream models the thread names; the rest are counted.</summary>
    public const int MaxListedModels = 40;

    /// <summary>The catalog in force (empty when none is loaded).</summary>
    public DataCatalog Catalog => catalog?.Invoke() ?? DataCatalog.Empty;

    /// <summary>The blast radius of <paramref name="incident"/>'s affected assets in the catalog in force.</summary>
    public BlastRadius RadiusOf(Incident incident) => Domain.Catalog.BlastRadius.Of(Catalog, AssetNames.Split(incident.AffectedAssets));

    /// <summary>The thread's message about the blast radius: the full list when new, the owners not told yet, the impact it flags.</summary>
    public SlackMessage BlastRadiusNote(Incident incident, BlastRadiusNews news)
    {
        var radius = news.Radius;
        return Note(templates.Render(MessageTemplates.BlastRadius, new BlastRadiusModel
        {
            Reference = incident.Reference,
            ListRadius = news.ListRadius,
            Affected = radius.Affected.Select(a => a.DisplayName).ToList(),
            Unknown = radius.Unknown,
            Models = radius.DownstreamModels.Take(MaxListedModels).Select(m => m.DisplayName).ToList(),
            ModelsCount = radius.DownstreamModels.Count,
            ModelsMore = Math.Max(0, radius.DownstreamModels.Count - MaxListedModels),
            Dashboards = radius.DownstreamExposures.Select(e => new DashboardRow(e.DisplayName, e.ExposureType ?? "exposure", e.Maturity, e.Url is { } url && url.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url : null)).ToList(),
            Impact = news.AddedImpact == ImpactFlags.None ? [] : radius.ImpactReasons,
            Owners = news.NewOwners,
            MoreOwners = news.OwnersToldBefore,
        }));
    }

    private static (string? Downstream, string? Dashboards) Downstream(BlastRadius radius)
    {
        if (radius.Affected.Count == 0)
        {
            return (null, null);
        }
        var named = radius.DownstreamExposures.Take(HeadlineDashboards).Select(e => e.DisplayName).ToList();
        var more = radius.DownstreamExposures.Count - named.Count;
        return (radius.Summary, named.Count == 0 ? null : string.Join(", ", named) + (more > 0 ? $" and {more} more" : ""));
    }

    public SlackMessage Headline(Incident incident, DateTimeOffset now)
    {
        var body = templates.Render(MessageTemplates.Headline, ToHeadlineModel(incident, now));
        var blocks = new List<JsonObject>
        {
            BlockKit.Header($"{StateEmoji(incident)} {incident.Reference} · {incident.Severity.Code()} · {Mrkdwn.Escape(incident.Title)}"),
            BlockKit.Section(body),
            BlockKit.Context(
                $"{incident.Reference} · {incident.Category.DisplayName()} · declared by {SlackApi.UserNames.Marker(incident.DeclaredBy)} {SlackTime.Format(incident.DeclaredAt)} · updates go in this thread"),
        };
        if (incident.PermittedTriggers.Contains(IncidentTrigger.ChangeSeverity))
        {
            blocks.Add(BlockKit.Actions(SlackIds.BlockHeadlineActions, HeadlineActions(incident)));
        }
        var text = $"{incident.Reference} [{incident.Severity.Code()}] {incident.State}: {Mrkdwn.Escape(incident.Title)}";
        return new SlackMessage(text, BlockKit.Blocks(blocks));
    }

    /// <summary>A status update; <paramref name="before"/> is the incident's state before it, so the message shows what changed.</summary>
    public SlackMessage Update(Incident incident, string author, string text, DateTimeOffset now, UpdateFields? before = null)
    {
        var due = cadence.NextUpdateDue(incident);
        var was = before ?? UpdateFields.Of(incident);
        var body = templates.Render(MessageTemplates.Update, new UpdateModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            Author = author,
            Text = text,
            RootCauseIdentified = incident.RootCauseIdentified,
            RootCauseChanged = incident.RootCauseIdentified != was.RootCauseIdentified,
            FixStatus = incident.FixStatus.DisplayName(),
            FixStarted = incident.FixStatus != FixStatus.NotStarted,
            FixStatusChanged = incident.FixStatus != was.FixStatus,
            Eta = incident.Eta,
            EtaChanged = incident.Eta != was.Eta,
            Affected = incident.AffectedAssets,
            State = incident.State.ToString(),
            NextUpdateDue = due,
            NextUpdateIn = due is { } d ? SlackTime.Duration(d - now) : null,
        });
        return Plain(body, $"Update on {incident.Reference}: {Mrkdwn.Escape(text)}");
    }

    public SlackMessage Resolution(ResolutionModel model) =>
        Plain(templates.Render(MessageTemplates.Resolution, model), $"{model.Reference} resolved: {Mrkdwn.Escape(model.Summary)}");

    /// <summary>The update reminder to the owner, with buttons to post an update or snooze.</summary>
    public SlackMessage Reminder(Incident incident, DateTimeOffset now)
    {
        var since = incident.LastUpdateAt ?? incident.AcknowledgedAt ?? incident.DeclaredAt;
        var text = templates.Render(MessageTemplates.Reminder, new ReminderModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            State = incident.State.ToString(),
            Owner = incident.ResponsibleUser,
            OwnerIsPerson = Mrkdwn.IsSlackId(incident.ResponsibleUser),
            Since = now - since,
            HadUpdate = incident.LastUpdateAt is not null,
        });
        var value = incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var blocks = BlockKit.Blocks(
        [
            BlockKit.Section(text),
            BlockKit.Actions(SlackIds.BlockReminderActions,
            [
                BlockKit.Button("Post update", SlackIds.ActionPostUpdate, value, "primary"),
                BlockKit.Button("Snooze 30 min", SlackIds.ActionSnooze30, value),
                BlockKit.Button("Snooze 1 h", SlackIds.ActionSnooze60, value),
            ]),
        ]);
        return new SlackMessage($"{incident.Reference}: a status update is due", blocks);
    }

    /// <summary>An escalation by <paramref name="rule"/>, from the template of its condition; its Notify is written as configured.</summary>
    public SlackMessage Escalation(Incident incident, EscalationRule rule) => Note(templates.Render(
        rule.When switch
        {
            EscalationCondition.NotAcknowledged => MessageTemplates.EscalationNotAcknowledged,
            EscalationCondition.NoUpdate => MessageTemplates.EscalationNoUpdate,
            _ => MessageTemplates.EscalationUnresolved,
        },
        new EscalationModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            Title = Mrkdwn.Truncate(incident.Title, 150),
            State = incident.State.ToString(),
            Rule = rule.Name,
            Notify = rule.Notify,
            After = rule.After,
            Owner = incident.ResponsibleUser,
        }));

    public SlackMessage Impact(Incident incident, ImpactFlags flag, string notify) => Note(templates.Render(MessageTemplates.Impact, new ImpactModel
    {
        Reference = incident.Reference,
        Severity = incident.Severity.Code(),
        Title = Mrkdwn.Truncate(incident.Title, 150),
        Impact = ImpactName(flag),
        Notify = notify,
    }));

    /// <summary>The channel's one warning about a watch whose query keeps failing.</summary>
    public SlackMessage WatchFailing(WatchFailingModel model) => Note(templates.Render(MessageTemplates.WatchFailing, model));

    public SlackMessage PostmortemReminder(Incident incident) => Note(templates.Render(MessageTemplates.PostmortemReminder, new PostmortemReminderModel
    {
        Reference = incident.Reference,
        Severity = incident.Severity.Code(),
        Owner = incident.ResponsibleUser,
        Due = incident.PostmortemDueAt,
        PostmortemUrl = incidents?.PostmortemUrl(incident.Reference),
    }));

    /// <summary>Where a resolution links the draft: its address when <c>Incidents:PublicUrl</c> is set.</summary>
    public string? PostmortemUrl(string reference) => incidents?.PostmortemUrl(reference);

    public static string ImpactName(ImpactFlags flag) => flag switch
    {
        ImpactFlags.Revenue => "Revenue",
        ImpactFlags.CustomerFacing => "Customer-facing",
        ImpactFlags.Regulatory => "Regulatory",
        ImpactFlags.Security => "Security",
        _ => flag.ToString(),
    };

    /// <summary>A lifecycle note in the thread (acknowledged, moved, severity changed, cancelled) from its template.</summary>
    public SlackMessage LifecycleNote(string template, LifecycleNoteModel model) => Note(templates.Render(template, model));

    /// <summary>What the thread hears about one of the incident's checks (joined, still failing, passing again, reopened).</summary>
    public SlackMessage AlertCheck(AlertCheckModel model) => Note(templates.Render(MessageTemplates.AlertCheck, model));

    /// <summary>An action item note in the thread (added, done, overdue) from its template.</summary>
    public SlackMessage ActionItemNote(string template, ActionItemModel model) => Note(templates.Render(template, model));

    /// <summary>A one-line note; <paramref name="mrkdwn"/> must already be escaped.</summary>
    public static SlackMessage Note(string mrkdwn) => new(mrkdwn, BlockKit.Blocks([BlockKit.Section(mrkdwn)]));

    public HeadlineModel ToHeadlineModel(Incident incident, DateTimeOffset now)
    {
        var (downstream, dashboards) = Downstream(RadiusOf(incident));
        return ToHeadlineModel(incident, now, downstream, dashboards);
    }

    private HeadlineModel ToHeadlineModel(Incident incident, DateTimeOffset now, string? downstream, string? dashboards) => new()
    {
        Reference = incident.Reference,
        Severity = incident.Severity.Code(),
        SeverityLabel = incident.Severity.Label(),
        Title = incident.Title,
        State = incident.State.DisplayName(),
        StateName = incident.State.ToString(),
        Category = incident.Category.DisplayName(),
        Owner = incident.ResponsibleUser,
        DeclaredBy = incident.DeclaredBy,
        AcknowledgedBy = incident.AcknowledgedBy,
        DetectedAt = incident.DetectedAt,
        NextUpdateDue = cadence.NextUpdateDue(incident),
        Affected = incident.AffectedAssets,
        Description = incident.Description,
        LatestUpdate = incident.LatestUpdate,
        LastUpdateAt = incident.LastUpdateAt,
        FixStatus = incident.FixStatus.DisplayName(),
        Eta = incident.Eta,
        RootCauseIdentified = incident.RootCauseIdentified,
        IsActive = incident.IsActive,
        IsResolved = incident.State is IncidentState.Resolved or IncidentState.Closed,
        IsCancelled = incident.State == IncidentState.Cancelled,
        ResolvedAt = incident.ResolvedAt,
        Duration = incident.ResolvedAt is { } resolved ? SlackTime.Duration(resolved - incident.DetectedAt) : null,
        DetectedBy = incident.DetectionSource,
        OwnerIsPerson = Mrkdwn.IsSlackId(incident.ResponsibleUser),
        DataWrongSince = incident.DataWrongSince,
        DataWrongFor = incident.ResolvedAt is not null && incident.DataWrongSince is not null ? SlackTime.Duration(incident.DataWrongFor(now)) : null,
        ChecksFailing = incident.ChecksFailing,
        ChecksPassing = incident.ChecksPassing,
        Downstream = downstream,
        DownstreamDashboards = dashboards,
    };

    private static IEnumerable<JsonObject> HeadlineActions(Incident incident)
    {
        yield return BlockKit.StaticSelect(
            SlackIds.ActionSeverity,
            "Severity",
            SeverityExtensions.All.Select(s => ($"{s.Code()} {s.Label()}", $"{incident.Number}:{s.Code()}")),
            $"{incident.Number}:{incident.Severity.Code()}");
        var value = incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var trigger in incident.PermittedSteps)
        {
            yield return BlockKit.Button(IncidentLifecycle.Verb(trigger), ActionIds.For(trigger), value, ButtonStyle(trigger), Confirmation(incident, trigger));
        }
        if (incident.PermittedTriggers.Contains(IncidentTrigger.PostUpdate))
        {
            yield return BlockKit.Button("Post update", SlackIds.ActionPostUpdate, value);
        }
    }

    /// <summary>Cancelling is final: the button asks first, so one misclick on a busy headline does not end an incident.</summary>
    private static JsonObject? Confirmation(Incident incident, IncidentTrigger trigger) => trigger == IncidentTrigger.Cancel
        ? BlockKit.Confirm(
            $"Cancel {incident.Reference}?",
            "Only for a false alarm or a duplicate: reminders and escalations stop, no postmortem follows, and it cannot be reopened.",
            "Cancel the incident",
            "Keep it open")
        : null;

    private static string? ButtonStyle(IncidentTrigger trigger) => trigger switch
    {
        IncidentTrigger.Acknowledge or IncidentTrigger.Resolve => "primary",
        IncidentTrigger.Cancel => "danger",
        _ => null,
    };

    private static string StateEmoji(Incident incident) => incident.State switch
    {
        IncidentState.Resolved or IncidentState.Closed => ":white_check_mark:",
        IncidentState.Cancelled => ":heavy_minus_sign:",
        _ => incident.Severity.Emoji(),
    };

    private static SlackMessage Plain(string mrkdwn, string fallback) => new(fallback, BlockKit.Blocks([BlockKit.Section(mrkdwn)]));
}
