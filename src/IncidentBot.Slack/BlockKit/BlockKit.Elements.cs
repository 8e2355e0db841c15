using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

public static partial class BlockKit
{
    /// <summary>Button styles Slack accepts; null means the default (grey) button.</summary>
    public const string StylePrimary = "primary";
    public const string StyleDanger = "danger";

    /// <summary>
    /// A confirmation dialog for a button that cannot be undone: title at most 100 characters, text 300,
    /// the two buttons 30 each (plain text).
    /// </summary>
    public static JsonObject Confirm(string title, string text, string confirm, string deny, string? style = StyleDanger)
    {
        var dialog = new JsonObject
        {
            ["title"] = PlainText(title, SlackLimits.ConfirmTitle),
            ["text"] = PlainText(text, SlackLimits.ConfirmText),
            ["confirm"] = PlainText(confirm, SlackLimits.ConfirmButton),
            ["deny"] = PlainText(deny, SlackLimits.ConfirmButton),
        };
        if (style is StylePrimary or StyleDanger)
        {
            dialog["style"] = style;
        }
        return dialog;
    }

    /// <summary>A button: text at most 75 characters, value at most 2000, style "primary", "danger" or null, optionally asking first (<see cref="Confirm"/>).</summary>
    public static JsonObject Button(string text, string actionId, string value, string? style = null, JsonObject? confirm = null)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
            ["text"] = PlainText(text, SlackLimits.ButtonText),
            ["value"] = Mrkdwn.Truncate(value ?? "", SlackLimits.ButtonValue),
        };
        switch (style)
        {
            case null or "":
                break;
            case StylePrimary or StyleDanger:
                button["style"] = style;
                break;
            default:
                throw new ArgumentException($"Button style must be \"{StylePrimary}\", \"{StyleDanger}\" or null, not \"{style}\".", nameof(style));
        }
        if (confirm is not null)
        {
            button["confirm"] = confirm;
        }
        return button;
    }

    /// <summary>
    /// A static select menu (for an actions block or a section accessory): at most 100 options.
    /// <paramref name="initialValue"/> preselects the option with that value, if there is one.
    /// </summary>
    public static JsonObject StaticSelect(string actionId, string placeholder, IEnumerable<(string Text, string Value)> options, string? initialValue = null)
    {
        var select = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = CheckId(actionId, nameof(actionId)),
            ["placeholder"] = PlainText(placeholder, SlackLimits.Placeholder),
        };
        AddOptions(select, options, SlackLimits.SelectOptions, initialValue is null ? [] : [initialValue], single: true);
        return select;
    }

    /// <summary>An option object: plain text at most 75 characters, value at most 75.</summary>
    public static JsonObject Option(string text, string value) => new()
    {
        ["text"] = PlainText(text, SlackLimits.OptionText),
        ["value"] = Mrkdwn.Truncate(value ?? "", SlackLimits.OptionValue),
    };

    /// <summary>
    /// Adds <c>options</c> (at most <paramref name="max"/>) and, for the selected values that match
    /// an option, <c>initial_option</c> (single) or <c>initial_options</c>: Slack rejects an initial
    /// option that is not exactly one of the options, so unknown values are left out.
    /// </summary>
    private static void AddOptions(JsonObject element, IEnumerable<(string Text, string Value)> options, int max, IEnumerable<string> selected, bool single)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = new JsonArray();
        var byValue = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (text, value) in options.Take(max))
        {
            var option = Option(text, value);
            list.Add(option);
            byValue.TryAdd(option["value"]!.GetValue<string>(), option);
        }
        element["options"] = list;
        var initial = new JsonArray();
        foreach (var value in selected.Distinct(StringComparer.Ordinal))
        {
            if (byValue.TryGetValue(Mrkdwn.Truncate(value ?? "", SlackLimits.OptionValue), out var option))
            {
                initial.Add(option.DeepClone());
            }
        }
        if (initial.Count == 0)
        {
            return;
        }
        if (single)
        {
            element["initial_option"] = initial[0]!.DeepClone();
        }
        else
        {
            element["initial_options"] = initial;
        }
    }
}
