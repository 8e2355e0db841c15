namespace IncidentBot.Slack;

/// <summary>
/// Every action, block and callback id IncidentBot puts into Slack, in one place (kebab-case, as
/// Dispatch does). Slack echoes these back in interaction payloads, so renaming one breaks the
/// buttons on messages already posted: add new ids, do not rename old ones.
/// Modal inputs use the same string for the block_id and the element's action_id.
/// </summary>
public static class SlackIds
{
    // Buttons and menus on the incident headline.
    public const string ActionSeverity = "incident-severity";
    public const string ActionAcknowledge = "incident-acknowledge";
    public const string ActionStartFix = "incident-start-fix";
    public const string ActionStartVerify = "incident-start-verify";
    public const string ActionVerificationFailed = "incident-verification-failed";
    public const string ActionResolve = "incident-resolve";
    public const string ActionReopen = "incident-reopen";
    public const string ActionClose = "incident-close";
    public const string ActionCancel = "incident-cancel";
    public const string ActionPostUpdate = "incident-post-update";
    public const string ActionSnooze = "incident-snooze";
    public const string ActionSnooze30 = "incident-snooze-30";
    public const string ActionSnooze60 = "incident-snooze-60";
    public const string BlockReminderActions = "incident-reminder-actions";

    /// <summary>The actions block under the headline.</summary>
    public const string BlockHeadlineActions = "incident-actions";

    // Modals (view callback_id).
    public const string CallbackOpenModal = "incident-open-modal";
    public const string CallbackUpdateModal = "incident-update-modal";
    public const string CallbackResolveModal = "incident-resolve-modal";

    // Modal inputs: block_id == action_id.
    public const string InputTitle = "incident-title";
    public const string InputSeverity = "incident-severity-input";
    public const string InputCategory = "incident-category";
    public const string InputDescription = "incident-description";
    public const string InputAffected = "incident-affected";
    public const string InputOwner = "incident-owner";
    public const string InputOwnerTeam = "incident-owner-team";
    public const string InputDetectedAt = "incident-detected-at";
    public const string InputDataWrongSince = "incident-data-wrong-since";
    public const string InputImpact = "incident-impact";
    public const string InputUpdateText = "incident-update-text";
    public const string InputFixStatus = "incident-fix-status";
    public const string InputEta = "incident-eta";
    public const string InputRootCause = "incident-root-cause-identified";

    // Resolution modal inputs.
    public const string InputSummary = "incident-resolution-summary";
    public const string InputResolutionRootCause = "incident-resolution-root-cause";
    public const string InputFixApplied = "incident-fix-applied";
    public const string InputVerifiedAt = "incident-verified-at";
    public const string InputHowVerified = "incident-how-verified";
    public const string InputDataState = "incident-data-state";
    public const string InputBackfilledTo = "incident-backfilled-to";
    public const string InputPostmortem = "incident-postmortem-needed";
}
