using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Domain.Lifecycle;
using IncidentBot.Domain.Policy;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>A message ready for Slack: mrkdwn fallback text (notifications, screen readers) and blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks);

/// <summary>
/// Turns incidents into Slack messages: the headline (rendered from the incident as it is now, with
/// the severity menu and a button per permitted lifecycle step), status updates, resolutions and
/// short notes. All user text goes through the mrkdwn encoder.
/// </summary>
public sealed class IncidentMessages(MessageTemplates templates, UpdateCadence cadence)
{
    public SlackMessage Headline(Incident incident, DateTimeOffset now)
    {
        var body = templates.Render(MessageTemplates.Headline, ToHeadlineModel(incident, now));
        var blocks = new List<JsonObject>
        {
            BlockKit.Header($"{StateEmoji(incident)} {incident.Reference} · {incident.Severity.Code()} · {Mrkdwn.Escape(incident.Title)}"),
            BlockKit.Section(body),
            BlockKit.Context(
                $"{incident.Reference} · {incident.Category.DisplayName()} · declared by {Mrkdwn.User(incident.DeclaredBy)} {SlackTime.Format(incident.DeclaredAt)} · updates go in this thread"),
        };
        if (incident.State is not (IncidentState.Closed or IncidentState.Cancelled))
        {
            blocks.Add(BlockKit.Actions(SlackIds.BlockHeadlineActions, HeadlineActions(incident)));
        }
        var text = $"{incident.Reference} [{incident.Severity.Code()}] {incident.State}: {Mrkdwn.Escape(incident.Title)}";
        return new SlackMessage(text, BlockKit.Blocks(blocks));
    }

    public SlackMessage Update(Incident incident, string author, string text, DateTimeOffset now)
    {
        var due = cadence.NextUpdateDue(incident);
        var body = templates.Render(MessageTemplates.Update, new UpdateModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            Author = author,
            Text = text,
            RootCauseIdentified = incident.RootCauseIdentified,
            FixStatus = incident.FixStatus.DisplayName(),
            Eta = incident.Eta,
            Affected = incident.AffectedAssets,
            State = incident.State.ToString(),
            NextUpdateDue = due,
            NextUpdateIn = due is { } d ? SlackTime.Duration(d - now) : null,
        });
        return Plain(body, $"Update on {incident.Reference}: {Mrkdwn.Escape(text)}");
    }

    public SlackMessage Resolution(ResolutionModel model) =>
        Plain(templates.Render(MessageTemplates.Resolution, model), $"{model.Reference} resolved: {Mrkdwn.Escape(model.Summary)}");

    /// <summary>A one-line note; <paramref name="mrkdwn"/> must already be escaped.</summary>
    public static SlackMessage Note(string mrkdwn) => new(mrkdwn, BlockKit.Blocks([BlockKit.Section(mrkdwn)]));

    public HeadlineModel ToHeadlineModel(Incident incident, DateTimeOffset now) => new()
    {
        Reference = incident.Reference,
        Severity = incident.Severity.Code(),
        SeverityLabel = incident.Severity.Label(),
        Title = incident.Title,
        State = incident.State.DisplayName(),
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
        if (incident.IsActive)
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

/// <summary>The button action id of each lifecycle trigger, and back.</summary>
public static class ActionIds
{
    private static readonly Dictionary<IncidentTrigger, string> ByTrigger = new()
    {
        [IncidentTrigger.Acknowledge] = SlackIds.ActionAcknowledge,
        [IncidentTrigger.StartFix] = SlackIds.ActionStartFix,
        [IncidentTrigger.StartVerify] = SlackIds.ActionStartVerify,
        [IncidentTrigger.VerificationFailed] = SlackIds.ActionVerificationFailed,
        [IncidentTrigger.Resolve] = SlackIds.ActionResolve,
        [IncidentTrigger.Reopen] = SlackIds.ActionReopen,
        [IncidentTrigger.Close] = SlackIds.ActionClose,
        [IncidentTrigger.Cancel] = SlackIds.ActionCancel,
    };

    public static string For(IncidentTrigger trigger) => ByTrigger[trigger];

    public static bool TryGetTrigger(string actionId, out IncidentTrigger trigger)
    {
        foreach (var (t, id) in ByTrigger)
        {
            if (id == actionId)
            {
                trigger = t;
                return true;
            }
        }
        trigger = default;
        return false;
    }
}

/// <summary>What the bot says when it chases: reminders, escalations, impact notices.</summary>
public static class ChaseMessages
{
    public static SlackMessage Reminder(Incident incident, DateTimeOffset now)
    {
        var since = incident.LastUpdateAt ?? incident.AcknowledgedAt ?? incident.DeclaredAt;
        var text = $":alarm_clock: {Mrkdwn.User(incident.ResponsibleUser)}, a status update on *{incident.Reference}* ({incident.Severity.Code()}, {incident.State}) is due: "
            + (incident.LastUpdateAt is null ? $"no update since it was declared {SlackTime.Duration(now - since)} ago." : $"the last one was {SlackTime.Duration(now - since)} ago.")
            + " Stakeholders are waiting on this thread.";
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

    /// <summary><paramref name="notify"/> comes from configuration and is posted verbatim (it is meant to mention a group).</summary>
    public static SlackMessage Escalation(Incident incident, string ruleName, string why, string notify) =>
        IncidentMessages.Note($":rotating_light: *Escalation ({Mrkdwn.Escape(ruleName)})*: {notify}, {incident.Reference} ({incident.Severity.Code()} {Mrkdwn.Escape(Mrkdwn.Truncate(incident.Title, 150))}) {why}. Owner: {Mrkdwn.User(incident.ResponsibleUser)}.");

    public static SlackMessage Impact(Incident incident, ImpactFlags flag, string notify) =>
        IncidentMessages.Note($":warning: *{ImpactName(flag)} impact* on {incident.Reference} ({incident.Severity.Code()}): {notify}, please join this thread.");

    public static string ImpactName(ImpactFlags flag) => flag switch
    {
        ImpactFlags.Revenue => "Revenue",
        ImpactFlags.CustomerFacing => "Customer-facing",
        ImpactFlags.Regulatory => "Regulatory",
        ImpactFlags.Security => "Security",
        _ => flag.ToString(),
    };

    public static string Why(EscalationCondition condition, TimeSpan after) => condition switch
    {
        EscalationCondition.NotAcknowledged => $"has not been acknowledged for {SlackTime.Duration(after)}",
        EscalationCondition.NoUpdate => $"has had no status update for {SlackTime.Duration(after)}",
        _ => $"is still unresolved after {SlackTime.Duration(after)}",
    };
}
