using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>Modal input blocks. Read the submitted values back with <see cref="ViewState"/>, by the same block and action ids.</summary>
public static partial class BlockKit
{
    /// <summary>
    /// A text input. <paramref name="maxLength"/> is clamped to 1..3000 (Slack's ceiling); an initial
    /// value longer than the allowed length is cut so the modal still opens.
    /// </summary>
    public static JsonObject InputPlainText(
        string blockId,
        string actionId,
        string label,
        bool multiline = false,
        int? maxLength = null,
        string? initialValue = null,
        bool optional = false,
        string? placeholder = null)
    {
        var max = Math.Clamp(maxLength ?? SlackLimits.PlainTextInput, 1, SlackLimits.PlainTextInput);
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
            ["multiline"] = multiline,
        };
        if (maxLength is not null)
        {
            element["max_length"] = max;
        }
        if (!string.IsNullOrEmpty(initialValue))
        {
            element["initial_value"] = Mrkdwn.Truncate(initialValue, max);
        }
        AddPlaceholder(element, placeholder);
        return Input(blockId, label, element, optional);
    }

    /// <summary>A single-choice menu (at most 100 options); <paramref name="initialValue"/> preselects a matching option.</summary>
    public static JsonObject InputStaticSelect(
        string blockId,
        string actionId,
        string label,
        IEnumerable<(string Text, string Value)> options,
        string? initialValue = null,
        bool optional = false,
        string? placeholder = null)
    {
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        AddPlaceholder(element, placeholder);
        AddOptions(element, options, SlackLimits.SelectOptions, initialValue is null ? [] : [initialValue], single: true);
        return Input(blockId, label, element, optional);
    }

    /// <summary>
    /// A multi-select whose options the bot supplies as the person types (Slack sends <c>block_suggestion</c>
    /// to the interactivity URL; answer with <see cref="Suggestions"/>).
    /// </summary>
    public static JsonObject InputMultiExternalSelect(string blockId, string actionId, string label, int minQueryLength = 1, bool optional = false, string? placeholder = null)
    {
        var element = new JsonObject
        {
            ["type"] = "multi_external_select",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
            ["min_query_length"] = Math.Max(0, minQueryLength),
        };
        AddPlaceholder(element, placeholder);
        return Input(blockId, label, element, optional);
    }

    /// <summary>The answer to a <c>block_suggestion</c>: at most 100 options.</summary>
    public static JsonObject Suggestions(IEnumerable<(string Text, string Value)> options) =>
        new() { ["options"] = new JsonArray(options.Take(SlackLimits.SelectOptions).Select(o => (JsonNode)Option(o.Text, o.Value)).ToArray()) };

    /// <summary>A person picker; <paramref name="initialUser"/> is used only when it looks like a user id.</summary>
    public static JsonObject InputUsersSelect(string blockId, string actionId, string label, string? initialUser = null, bool optional = false)
    {
        var element = new JsonObject
        {
            ["type"] = "users_select",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        if (Mrkdwn.IsSlackId(initialUser))
        {
            element["initial_user"] = initialUser;
        }
        return Input(blockId, label, element, optional);
    }

    /// <summary>A rich text input: typing @ offers people and user groups, which come back as mentions (see <see cref="ViewState"/>).</summary>
    public static JsonObject InputRichText(string blockId, string actionId, string label, bool optional = false, string? placeholder = null)
    {
        var element = new JsonObject
        {
            ["type"] = "rich_text_input",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        AddPlaceholder(element, placeholder);
        return Input(blockId, label, element, optional);
    }

    /// <summary>A date and time picker (datetimepicker); the submitted value is Unix seconds.</summary>
    public static JsonObject InputDateTime(string blockId, string actionId, string label, long? initialUnixSeconds = null, bool optional = false)
    {
        var element = new JsonObject
        {
            ["type"] = "datetimepicker",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        if (initialUnixSeconds is { } seconds and >= 0)
        {
            element["initial_date_time"] = seconds;
        }
        return Input(blockId, label, element, optional);
    }

    /// <summary>A date picker; the submitted value is yyyy-MM-dd.</summary>
    public static JsonObject InputDate(string blockId, string actionId, string label, DateOnly? initialDate = null, bool optional = false)
    {
        var element = new JsonObject
        {
            ["type"] = "datepicker",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        if (initialDate is { } date)
        {
            element["initial_date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        return Input(blockId, label, element, optional);
    }

    /// <summary>Checkboxes (at most 10); <paramref name="initiallySelected"/> are option values to tick.</summary>
    public static JsonObject InputCheckboxes(
        string blockId,
        string actionId,
        string label,
        IEnumerable<(string Text, string Value)> options,
        IEnumerable<string>? initiallySelected = null,
        bool optional = false)
    {
        var element = new JsonObject
        {
            ["type"] = "checkboxes",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
        };
        AddOptions(element, options, SlackLimits.CheckboxOptions, initiallySelected ?? [], single: false);
        return Input(blockId, label, element, optional);
    }

    private static JsonObject Input(string blockId, string label, JsonObject element, bool optional) => new()
    {
        ["type"] = "input",
        ["block_id"] = CheckId(blockId, nameof(blockId)),
        ["label"] = PlainText(label, SlackLimits.InputLabel),
        ["optional"] = optional,
        ["element"] = element,
    };

    private static void AddPlaceholder(JsonObject element, string? placeholder)
    {
        if (!string.IsNullOrWhiteSpace(placeholder))
        {
            element["placeholder"] = PlainText(placeholder, SlackLimits.Placeholder);
        }
    }
}
