using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>
/// Block Kit builders producing <see cref="System.Text.Json.Nodes"/> objects. Display text over a
/// limit is cut with "…" and lists over a limit are shortened, so a long title can never turn a
/// message into <c>invalid_blocks</c>. Ids over 255 characters are a programming error and throw.
/// Text arguments are used as given: escape user text with <see cref="Mrkdwn.Escape"/> first.
/// </summary>
public static partial class BlockKit
{
    /// <summary>A header: bold plain text, at most 150 characters.</summary>
    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(text, SlackLimits.HeaderText),
    };

    /// <summary>A section of mrkdwn (at most 3000 characters) with an optional accessory (a button, a select).</summary>
    public static JsonObject Section(string mrkdwn, JsonObject? accessory = null)
    {
        var section = new JsonObject
        {
            ["type"] = "section",
            ["text"] = MrkdwnText(mrkdwn, SlackLimits.SectionText),
        };
        if (accessory is not null)
        {
            section["accessory"] = Adopt(accessory);
        }
        return section;
    }

    /// <summary>A section laid out as a two-column grid: at most 10 fields of at most 2000 characters each.</summary>
    public static JsonObject SectionFields(IEnumerable<string> mrkdwnFields)
    {
        ArgumentNullException.ThrowIfNull(mrkdwnFields);
        var fields = new JsonArray();
        foreach (var field in mrkdwnFields.Take(SlackLimits.SectionFields))
        {
            fields.Add(MrkdwnText(field, SlackLimits.SectionFieldText));
        }
        if (fields.Count == 0)
        {
            fields.Add(MrkdwnText("", SlackLimits.SectionFieldText));
        }
        return new JsonObject { ["type"] = "section", ["fields"] = fields };
    }

    /// <summary>A context block: small grey mrkdwn lines, at most 10 elements.</summary>
    public static JsonObject Context(params string[] mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        var elements = new JsonArray();
        foreach (var text in mrkdwn.Take(SlackLimits.ContextElements))
        {
            elements.Add(MrkdwnText(text, SlackLimits.TextObject));
        }
        if (elements.Count == 0)
        {
            elements.Add(MrkdwnText("", SlackLimits.TextObject));
        }
        return new JsonObject { ["type"] = "context", ["elements"] = elements };
    }

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    /// <summary>An actions block (buttons, selects): at most 25 elements.</summary>
    public static JsonObject Actions(string blockId, IEnumerable<JsonObject> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var list = new JsonArray();
        foreach (var element in elements.Take(SlackLimits.ActionsElements))
        {
            list.Add(Adopt(element));
        }
        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = CheckId(blockId, nameof(blockId)),
            ["elements"] = list,
        };
    }

    /// <summary>
    /// The <c>blocks</c> array of a message: at most 50 blocks. With more, the first 49 are kept and a
    /// context block says how many were left out.
    /// </summary>
    public static JsonArray Blocks(IEnumerable<JsonObject> blocks) => Limit(blocks, SlackLimits.MessageBlocks);

    /// <summary>Keeps at most <paramref name="max"/> blocks, the last one saying how many more there were.</summary>
    internal static JsonArray Limit(IEnumerable<JsonObject> blocks, int max)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var all = blocks.ToList();
        var array = new JsonArray();
        var keep = all.Count <= max ? all.Count : max - 1;
        foreach (var block in all.Take(keep))
        {
            array.Add(Adopt(block));
        }
        if (keep < all.Count)
        {
            var hidden = (all.Count - keep).ToString(CultureInfo.InvariantCulture);
            array.Add(Context($"{Mrkdwn.Ellipsis} {hidden} more not shown"));
        }
        return array;
    }
}
