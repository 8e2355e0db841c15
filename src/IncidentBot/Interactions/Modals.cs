using System.Globalization;
using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Slack;

namespace IncidentBot.Interactions;

/// <summary>The modal views. Block and action ids come from <see cref="SlackIds"/>; each input uses one id for both.</summary>
public static class Modals
{
    public static readonly (string Text, string Value)[] SeverityOptions =
        SeverityExtensions.All.Select(s => ($"{s.Code()} {s.Label()}: {s.Meaning()}", s.Code())).ToArray();

    public static readonly (string Text, string Value)[] CategoryOptions =
        CategoryExtensions.All.Select(c => ($"{c.DisplayName()}: {c.Description()}", c.ToString())).ToArray();

    public static readonly (string Text, string Value)[] ImpactOptions =
    [
        ("Revenue reporting or billing", nameof(ImpactFlags.Revenue)),
        ("Customer-facing data", nameof(ImpactFlags.CustomerFacing)),
        ("Regulatory / compliance data", nameof(ImpactFlags.Regulatory)),
        ("Security implications", nameof(ImpactFlags.Security)),
    ];

    public static readonly (string Text, string Value)[] FixStatusOptions =
    [
        ("Not started / investigating", nameof(FixStatus.NotStarted)),
        ("Fix in progress", nameof(FixStatus.InProgress)),
        ("Fix applied, pending verification", nameof(FixStatus.Applied)),
    ];

    public static readonly (string Text, string Value)[] RootCauseOptions =
    [
        ("Root cause identified", "identified"),
    ];

    public static readonly (string Text, string Value)[] DataStateOptions =
    [
        ("Fresh and accurate", DataStates.Fresh),
        ("Backfilled to a date (give it below)", DataStates.Backfilled),
        ("Partially correct (say what is not in the summary)", DataStates.Partial),
    ];

    public static readonly (string Text, string Value)[] PostmortemOptions =
    [
        ("A postmortem is needed", "needed"),
    ];

    /// <summary>The resolution form (the runbook's resolution template).</summary>
    public static JsonObject Resolve(Incident incident, long nowUnixSeconds) => BlockKit.Modal(
        SlackIds.CallbackResolveModal,
        $"Resolve {incident.Reference}",
        [
            BlockKit.Section($"*{incident.Reference}* · {incident.Severity.Code()} · {incident.State} · {Mrkdwn.Escape(incident.Title)}"),
            BlockKit.InputPlainText(SlackIds.InputSummary, SlackIds.InputSummary, "What happened (summary)", multiline: true, maxLength: Incident.MaxTextLength),
            BlockKit.InputPlainText(SlackIds.InputResolutionRootCause, SlackIds.InputResolutionRootCause, "Root cause: why it happened", multiline: true, maxLength: Incident.MaxTextLength, optional: true),
            BlockKit.InputPlainText(SlackIds.InputFixApplied, SlackIds.InputFixApplied, "Fix applied", multiline: true, maxLength: Incident.MaxTextLength, optional: true),
            BlockKit.InputDateTime(SlackIds.InputVerifiedAt, SlackIds.InputVerifiedAt, "Verified at", nowUnixSeconds, optional: true),
            BlockKit.InputDateTime(SlackIds.InputDataWrongSince, SlackIds.InputDataWrongSince, "Data wrong since (the last good load)", incident.DataWrongSince?.ToUnixTimeSeconds(), optional: true),
            BlockKit.InputPlainText(SlackIds.InputHowVerified, SlackIds.InputHowVerified, "How it was verified", maxLength: 500, optional: true, placeholder: "freshness test green, row counts match source"),
            BlockKit.InputStaticSelect(SlackIds.InputDataState, SlackIds.InputDataState, "Data is now", DataStateOptions, DataStates.Fresh, optional: false),
            BlockKit.InputDate(SlackIds.InputBackfilledTo, SlackIds.InputBackfilledTo, "Backfilled to (if backfilled)", null, optional: true),
            BlockKit.InputCheckboxes(SlackIds.InputPostmortem, SlackIds.InputPostmortem, "Postmortem", PostmortemOptions, incident.Severity.IsHigh() ? ["needed"] : null, optional: true),
        ],
        submit: "Resolve",
        privateMetadata: incident.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The declaration form: the runbook's Detect and Assess steps in one screen.</summary>
    public static JsonObject Open(string? requesterId, long nowUnixSeconds, string? channelId = null) => BlockKit.Modal(
        SlackIds.CallbackOpenModal,
        "Declare data incident",
        [
            BlockKit.InputPlainText(SlackIds.InputTitle, SlackIds.InputTitle, "Summary (one sentence)", maxLength: Incident.MaxTitleLength, placeholder: "Revenue dashboard shows data as of Feb 8"),
            BlockKit.InputStaticSelect(SlackIds.InputSeverity, SlackIds.InputSeverity, "Severity", SeverityOptions, null, optional: false),
            BlockKit.InputStaticSelect(SlackIds.InputCategory, SlackIds.InputCategory, "Category", CategoryOptions, null, optional: false),
            BlockKit.InputMultiExternalSelect(SlackIds.InputAffected, SlackIds.InputAffected, "Blast radius: affected tables / dashboards", minQueryLength: 2, optional: true, placeholder: "type a table or dashboard, e.g. fct_orders"),
            BlockKit.InputPlainText(SlackIds.InputDescription, SlackIds.InputDescription, "What do you see?", multiline: true, maxLength: Incident.MaxTextLength, optional: true),
            BlockKit.InputUsersSelect(SlackIds.InputOwner, SlackIds.InputOwner, "Owner (data engineer on it)", requesterId, optional: true),
            BlockKit.InputRichText(SlackIds.InputOwnerTeam, SlackIds.InputOwnerTeam, "Or an owning team (its user group owns it)", optional: true, placeholder: "type @ and the group, e.g. @data-platform"),
            BlockKit.InputDateTime(SlackIds.InputDetectedAt, SlackIds.InputDetectedAt, "Detected at", nowUnixSeconds, optional: true),
            BlockKit.InputDateTime(SlackIds.InputDataWrongSince, SlackIds.InputDataWrongSince, "Data wrong since (the last good load), if known", null, optional: true),
            BlockKit.InputCheckboxes(SlackIds.InputImpact, SlackIds.InputImpact, "Business impact", ImpactOptions, null, optional: true),
        ],
        submit: "Declare",
        privateMetadata: channelId);

    /// <summary>The status update form (the runbook's status update template).</summary>
    public static JsonObject Update(Incident incident) => BlockKit.Modal(
        SlackIds.CallbackUpdateModal,
        $"Update {incident.Reference}",
        [
            BlockKit.Section($"*{incident.Reference}* · {incident.Severity.Code()} · {incident.State} · {Mrkdwn.Escape(incident.Title)}"),
            BlockKit.InputPlainText(SlackIds.InputUpdateText, SlackIds.InputUpdateText, "What changed since the last update?", multiline: true, maxLength: Incident.MaxTextLength),
            BlockKit.InputCheckboxes(SlackIds.InputRootCause, SlackIds.InputRootCause, "Root cause", RootCauseOptions, incident.RootCauseIdentified ? ["identified"] : null, optional: true),
            BlockKit.InputStaticSelect(SlackIds.InputFixStatus, SlackIds.InputFixStatus, "Fix status", FixStatusOptions, incident.FixStatus.ToString(), optional: true),
            BlockKit.InputPlainText(SlackIds.InputEta, SlackIds.InputEta, "ETA to resolution", maxLength: 100, initialValue: incident.Eta, optional: true, placeholder: "11:00 UTC, or ~2 h after backfill starts"),
            BlockKit.InputPlainText(SlackIds.InputAffected, SlackIds.InputAffected, "Affected tables / dashboards (edit as you learn more)", multiline: false, maxLength: 500, initialValue: incident.AffectedAssets, optional: true, placeholder: "marts.fct_orders, Revenue dashboard"),
        ],
        submit: "Post update",
        privateMetadata: incident.Number.ToString(CultureInfo.InvariantCulture));
}
