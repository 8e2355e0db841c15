using System.Text.Json;

namespace IncidentBot.Slack;

/// <summary>
/// The <c>view.state.values</c> of a submitted modal, keyed by block id then action id. Values are
/// read by what each element sends rather than by its declared type, so an unknown element that
/// sends <c>value</c> or <c>selected_option</c> still reads:
/// plain_text_input (and other text inputs) <c>value</c>; static_select / radio_buttons
/// <c>selected_option.value</c>; users_select <c>selected_user</c>; conversations/channels select;
/// datepicker <c>selected_date</c> (yyyy-MM-dd); timepicker <c>selected_time</c> (HH:mm);
/// datetimepicker <c>selected_date_time</c> (Unix seconds, as a string); checkboxes and multi
/// selects: every selected value; rich_text_input its text, with mentions as Slack markup
/// (<c>&lt;@U123&gt;</c>, <c>&lt;!subteam^S123&gt;</c>).
/// </summary>
public sealed class ViewState
{
    public static readonly ViewState Empty = new(new Dictionary<(string, string), IReadOnlyList<string>>());

    private readonly IReadOnlyDictionary<(string Block, string Action), IReadOnlyList<string>> _values;

    private ViewState(IReadOnlyDictionary<(string Block, string Action), IReadOnlyList<string>> values) => _values = values;

    /// <summary>
    /// The single value of an input, or null when it was left empty or does not exist. For
    /// checkboxes and multi selects: the selected values joined with commas (see <see cref="GetValues"/>).
    /// </summary>
    public string? GetValue(string blockId, string actionId) =>
        _values.TryGetValue((blockId, actionId), out var values) && values.Count > 0 ? string.Join(",", values) : null;

    /// <summary>Every selected value of an input (one at most for single-value inputs); empty when none.</summary>
    public IReadOnlyList<string> GetValues(string blockId, string actionId) =>
        _values.TryGetValue((blockId, actionId), out var values) ? values : [];

    /// <summary>True when the submitted state has this input at all (even if left empty).</summary>
    public bool Contains(string blockId, string actionId) => _values.ContainsKey((blockId, actionId));

    /// <summary>Reads a <c>state</c> object (<c>{"values": {block: {action: {...}}}}</c>); anything unexpected reads as empty.</summary>
    internal static ViewState From(JsonElement? state)
    {
        var values = state is { } s ? JsonRead.Object(s, "values") : null;
        if (values is null)
        {
            return Empty;
        }
        var result = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var block in values.Value.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var action in block.Value.EnumerateObject())
            {
                if (action.Value.ValueKind == JsonValueKind.Object)
                {
                    result[(block.Name, action.Name)] = Read(action.Value);
                }
            }
        }
        return new ViewState(result);
    }

    private static readonly string[] MultiUserKeys = ["selected_users", "selected_conversations", "selected_channels"];

    private static readonly string[] SingleKeys =
        ["value", "selected_user", "selected_conversation", "selected_channel", "selected_date", "selected_time", "selected_date_time"];

    private static IReadOnlyList<string> Read(JsonElement element)
    {
        if (JsonRead.HasArray(element, "selected_options"))
        {
            return Collect(JsonRead.Array(element, "selected_options").Select(o => JsonRead.String(o, "value")));
        }
        foreach (var key in MultiUserKeys)
        {
            if (JsonRead.HasArray(element, key))
            {
                return Collect(JsonRead.Array(element, key).Select(v => JsonRead.String(v)));
            }
        }
        if (JsonRead.Object(element, "rich_text_value") is { } richText)
        {
            var text = new System.Text.StringBuilder();
            AppendRichText(richText, text);
            return text.ToString().Trim() is { Length: > 0 } value ? [value] : [];
        }
        if (JsonRead.String(element, "selected_option", "value") is { } option)
        {
            return [option];
        }
        foreach (var key in SingleKeys)
        {
            if (JsonRead.String(element, key) is { Length: > 0 } value)
            {
                return [value];
            }
        }
        return [];
    }

    /// <summary>Walks rich text sections depth first: text as written, people and user groups as mentions.</summary>
    private static void AppendRichText(JsonElement node, System.Text.StringBuilder text)
    {
        _ = JsonRead.String(node, "type") switch
        {
            "text" => text.Append(JsonRead.String(node, "text")),
            "user" when JsonRead.String(node, "user_id") is { } user => text.Append("<@").Append(user).Append('>'),
            "usergroup" when JsonRead.String(node, "usergroup_id") is { } group => text.Append("<!subteam^").Append(group).Append('>'),
            // Shown as typed, so that a check for one mention sees there was something else.
            "broadcast" => text.Append('@').Append(JsonRead.String(node, "range")),
            "channel" => text.Append('#').Append(JsonRead.String(node, "channel_id")),
            _ => text,
        };
        foreach (var child in JsonRead.Array(node, "elements"))
        {
            AppendRichText(child, text);
        }
    }

    private static string[] Collect(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
}
