using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

public static partial class BlockKit
{
    /// <summary>Slack rejects empty (and blank) text objects, so blank text is shown as this instead.</summary>
    public const string BlankText = Mrkdwn.Ellipsis;

    /// <summary>A plain_text object (emoji shortcodes rendered), cut to <paramref name="max"/> characters.</summary>
    public static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Fit(text, max),
        ["emoji"] = true,
    };

    /// <summary>
    /// A mrkdwn text object, cut to <paramref name="max"/> characters. <c>verbatim</c>: Slack does not turn a
    /// bare <c>@here</c>, <c>@channel</c>, <c>@everyone</c>, channel name or URL in user text into a mention or
    /// link; mentions come only from the bot's explicit <c>&lt;@U...&gt;</c> and <c>&lt;!subteam^...&gt;</c>.
    /// </summary>
    public static JsonObject MrkdwnText(string text, int max) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = Fit(text, max),
        ["verbatim"] = true,
    };

    private static string Fit(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? BlankText : Mrkdwn.Truncate(text, max);

    /// <summary>Ids are ours, not user text: an empty or over-long one is a bug, so it throws rather than being cut.</summary>
    private static string CheckId(string id, string parameterName)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException("A Block Kit id must not be empty.", parameterName);
        }
        if (id.Length > SlackLimits.Id)
        {
            throw new ArgumentException($"A Block Kit id has at most {SlackLimits.Id} characters; this one has {id.Length}.", parameterName);
        }
        return id;
    }

    /// <summary>A node can have one parent only: reuse it when free, else insert a copy.</summary>
    private static JsonNode Adopt(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Parent is null ? node : node.DeepClone();
    }
}
