using IncidentBot.Domain;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>Messages about the postmortem and its action items.</summary>
public static class PostmortemMessages
{
    /// <summary>Sections of mrkdwn that fit one Slack section block, with room for the code fence.</summary>
    public const int DraftChunk = 2900;

    /// <summary>Blocks in an answer that shows the draft; longer drafts end with a pointer to the full one.</summary>
    public const int DraftSections = 12;

    /// <summary>
    /// The draft itself, for <c>/incident postmortem INC-n</c>: the Markdown in preformatted sections,
    /// cut at line ends. Its user text is escaped already (the Markdown encoder writes &amp; &lt; &gt;
    /// as entities, as mrkdwn wants them); what is left to do is the encoder's own &lt;br&gt; for line
    /// breaks in a table cell, and any bracket a template writes, so nothing reads as a link or mention.
    /// </summary>
    public static System.Text.Json.Nodes.JsonArray Draft(string status, string markdown, string? fullDraftUrl)
    {
        var blocks = new List<System.Text.Json.Nodes.JsonObject> { BlockKit.Section(status) };
        // Escaped first, then cut at line ends: an entity (&amp;) never spans a line end.
        var rest = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("<br>", " / ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal).Trim('\n');
        while (rest.Length > 0 && blocks.Count <= DraftSections)
        {
            var take = rest.Length <= DraftChunk ? rest.Length : Math.Max(rest.LastIndexOf('\n', DraftChunk), Mrkdwn.TextElementBoundary(rest, DraftChunk / 2));
            blocks.Add(BlockKit.Section("```" + rest[..take].TrimEnd('\n') + "```"));
            rest = rest[take..].TrimStart('\n');
        }
        if (rest.Length > 0)
        {
            blocks.Add(BlockKit.Context(fullDraftUrl is null
                ? "The draft goes on; set Incidents:PublicUrl for a link to all of it."
                : $"The draft goes on: {Mrkdwn.Escape(fullDraftUrl)}"));
        }
        return BlockKit.Blocks(blocks);
    }
}
