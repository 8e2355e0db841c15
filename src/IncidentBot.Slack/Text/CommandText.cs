using System.Text.RegularExpressions;

namespace IncidentBot.Slack;

/// <summary>
/// Slash command text as a person meant it. With <c>should_escape: true</c> Slack sends mentions as
/// ids (<c>&lt;@U123|maria&gt;</c>), channels as <c>&lt;#C123|general&gt;</c>, links in angle brackets,
/// and the characters <c>&amp; &lt; &gt;</c> as entities. Titles and updates are stored readable:
/// <c>@maria</c>, <c>#general</c>, the link, and the plain characters. Special mentions
/// (<c>&lt;!channel&gt;</c>) are left as they are; the mrkdwn encoder makes them harmless on output.
/// </summary>
public static partial class CommandText
{
    public static string Readable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var readable = Escaped().Replace(text, m =>
        {
            var body = m.Groups["body"].Value;
            var label = m.Groups["label"].Success ? m.Groups["label"].Value : null;
            return body[0] switch
            {
                '@' => "@" + (label ?? body[1..]),
                '#' => "#" + (label ?? body[1..]),
                '!' => m.Value,
                _ => label is null || label == body ? body : $"{label} ({body})",
            };
        });
        return readable.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<(?<body>[@#!][^|>]+|[a-z][a-z0-9+.-]*:[^|>]+)(\|(?<label>[^>]*))?>", RegexOptions.IgnoreCase)]
    private static partial Regex Escaped();
}
