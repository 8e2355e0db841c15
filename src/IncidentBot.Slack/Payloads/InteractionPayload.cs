using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace IncidentBot.Slack;

/// <summary>
/// An interactivity request: Slack POSTs a form whose field <c>payload</c> holds JSON. Covers
/// block_actions (buttons, menus), view_submission and view_closed; other types (shortcuts...)
/// parse too, with the fields they have. Every field is null when Slack did not send it.
/// </summary>
public sealed record InteractionPayload
{
    /// <summary>block_actions, view_submission, view_closed, shortcut, message_action...</summary>
    public string? Type { get; init; }
    public string? TeamId { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? ApiAppId { get; init; }

    /// <summary>The Enterprise Grid organisation, when the app is installed there.</summary>
    public string? EnterpriseId { get; init; }

    /// <summary>The clicking person's own workspace (differs from <see cref="TeamId"/> in a shared channel).</summary>
    public string? UserTeamId { get; init; }
    public string? TriggerId { get; init; }

    /// <summary>block_actions: <c>response_url</c>; view_submission: the first of <c>response_urls</c>, if any.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>The channel of the clicked message: <c>channel.id</c>, else <c>container.channel_id</c>.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The clicked message: <c>message.ts</c>, else <c>container.message_ts</c>.</summary>
    public string? MessageTs { get; init; }

    /// <summary>The thread of the clicked message, when it is in one.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>The shortcut's callback_id (shortcut, message_action); views carry theirs in <see cref="View"/>.</summary>
    public string? CallbackId { get; init; }

    public IReadOnlyList<BlockAction> Actions { get; init; } = [];

    /// <summary><c>block_suggestion</c>: the input being typed in, and what was typed so far.</summary>
    public string? SuggestionActionId { get; init; }
    public string? SuggestionQuery { get; init; }
    public ViewPayload? View { get; init; }

    /// <summary>The payload, or null when the form has no <c>payload</c> field or it is not a JSON object.</summary>
    public static InteractionPayload? Parse(string? formBody) => TryParse(formBody, out var payload, out _) ? payload : null;

    public static bool TryParse(string? formBody, [NotNullWhen(true)] out InteractionPayload? payload, [NotNullWhen(false)] out string? error)
    {
        payload = null;
        var form = FormBody.Parse(formBody);
        var json = form is null ? null : FormBody.Get(form, "payload");
        if (json is null)
        {
            error = "The body has no form field 'payload'.";
            return false;
        }
        if (!JsonRead.TryParseObject(json, out var document, out error))
        {
            return false;
        }
        using (document)
        {
            payload = From(document.RootElement);
        }
        return true;
    }

    /// <summary>Reads the decoded JSON object (for example a Socket Mode envelope's <c>payload</c>).</summary>
    public static InteractionPayload From(JsonElement root) => new()
    {
        Type = JsonRead.String(root, "type"),
        TeamId = JsonRead.String(root, "team", "id") ?? JsonRead.String(root, "user", "team_id") ?? JsonRead.String(root, "view", "team_id"),
        UserId = JsonRead.String(root, "user", "id"),
        UserName = JsonRead.String(root, "user", "username") ?? JsonRead.String(root, "user", "name"),
        ApiAppId = JsonRead.String(root, "api_app_id"),
        EnterpriseId = JsonRead.String(root, "enterprise", "id") ?? JsonRead.String(root, "enterprise_id"),
        UserTeamId = JsonRead.String(root, "user", "team_id"),
        TriggerId = JsonRead.String(root, "trigger_id"),
        ResponseUrl = JsonRead.String(root, "response_url") ?? FirstResponseUrl(root),
        ChannelId = JsonRead.String(root, "channel", "id") ?? JsonRead.String(root, "container", "channel_id"),
        MessageTs = JsonRead.String(root, "message", "ts") ?? JsonRead.String(root, "container", "message_ts"),
        ThreadTs = JsonRead.String(root, "container", "thread_ts") ?? JsonRead.String(root, "message", "thread_ts"),
        CallbackId = JsonRead.String(root, "callback_id"),
        SuggestionActionId = JsonRead.String(root, "action_id"),
        SuggestionQuery = JsonRead.String(root, "value"),
        Actions = JsonRead.Array(root, "actions").Where(a => a.ValueKind == JsonValueKind.Object).Select(ReadAction).ToArray(),
        View = JsonRead.Object(root, "view") is { } view ? ReadView(view) : null,
    };

    private static string? FirstResponseUrl(JsonElement root) =>
        JsonRead.Array(root, "response_urls").Select(u => JsonRead.String(u, "response_url")).FirstOrDefault(u => u is not null);

    private static BlockAction ReadAction(JsonElement action) => new()
    {
        Type = JsonRead.String(action, "type"),
        ActionId = JsonRead.String(action, "action_id"),
        BlockId = JsonRead.String(action, "block_id"),
        Value = JsonRead.String(action, "value"),
        SelectedOptionValue = JsonRead.String(action, "selected_option", "value"),
        SelectedUser = JsonRead.String(action, "selected_user"),
        ActionTs = JsonRead.String(action, "action_ts"),
    };

    private static ViewPayload ReadView(JsonElement view) => new()
    {
        Id = JsonRead.String(view, "id"),
        Type = JsonRead.String(view, "type"),
        CallbackId = JsonRead.String(view, "callback_id"),
        PrivateMetadata = JsonRead.String(view, "private_metadata"),
        Hash = JsonRead.String(view, "hash"),
        RootViewId = JsonRead.String(view, "root_view_id"),
        State = ViewState.From(JsonRead.Object(view, "state")),
    };
}
