using System.Text;

namespace IncidentBot.Slack;

/// <summary>
/// Slack mrkdwn helpers. Slack treats only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as control
/// characters; everything else (quotes included) must go through untouched, or Slack shows
/// <c>&amp;quot;</c> literally. User text must be escaped before it goes into any message,
/// otherwise <c>&lt;!channel&gt;</c> in a title pings the whole channel.
/// </summary>
public static class Mrkdwn
{
    /// <summary>The character appended by <see cref="Truncate"/> when text is cut.</summary>
    public const string Ellipsis = "…";

    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and nothing else. Null gives "".</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }

    /// <summary>
    /// A mention of a person <c>&lt;@U123&gt;</c>, or of a user group <c>&lt;!subteam^S123&gt;</c> for an
    /// owner that is a team. An id that is not <c>[A-Z0-9]+</c> is not trusted to be an id and comes
    /// back escaped as plain text instead, so it can never become a broadcast.
    /// </summary>
    public static string User(string userId) =>
        !IsSlackId(userId) ? Escape(userId) : Mentions.IsUserGroup(userId) ? $"<!subteam^{userId}>" : $"<@{userId}>";

    /// <summary>True when <paramref name="id"/> looks like a Slack id (U123ABC, C0123, W1...): upper-case ASCII letters and digits.</summary>
    public static bool IsSlackId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> so that the result, including a trailing "…", is at most
    /// <paramref name="max"/> UTF-16 characters. Cuts between text elements (never through an emoji,
    /// a flag or a letter with its accent), and never leaves half of an escape (<c>&amp;am…</c>) or of
    /// a short <c>&lt;…&gt;</c> token (a mention) dangling.
    /// </summary>
    public static string Truncate(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (string.IsNullOrEmpty(text) || text.Length <= max)
        {
            return text ?? "";
        }
        if (max <= Ellipsis.Length)
        {
            return Ellipsis[..max];
        }
        var cut = BackOffFromOpenToken(text, TextElementBoundary(text, max - Ellipsis.Length));
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="max"/> UTF-16 units that ends between two text elements.</summary>
    public static int TextElementBoundary(string text, int max)
    {
        if (text.Length <= max)
        {
            return text.Length;
        }
        var boundary = 0;
        while (boundary < max)
        {
            var next = boundary + System.Globalization.StringInfo.GetNextTextElementLength(text, boundary);
            if (next > max)
            {
                break;
            }
            boundary = next;
        }
        return boundary;
    }

    /// <summary>Longest <c>&lt;…&gt;</c> token we step back over; mentions are short, long links are cut as text.</summary>
    private const int MaxTokenBackOff = 40;

    /// <summary>Longest escape: <c>&amp;amp;</c> has 5 characters, so an open one starts at most 4 back.</summary>
    private const int MaxEntityBackOff = 4;

    private static int BackOffFromOpenToken(string text, int cut)
    {
        var kept = text.AsSpan(0, cut);
        var amp = kept.LastIndexOf('&');
        if (amp >= 0 && cut - amp <= MaxEntityBackOff && kept[amp..].IndexOf(';') < 0 && IsEntityPrefix(text.AsSpan(amp)))
        {
            return amp;
        }
        var open = kept.LastIndexOf('<');
        if (open >= 0 && cut - open <= MaxTokenBackOff && kept[open..].IndexOf('>') < 0)
        {
            return open;
        }
        return cut;
    }

    private static bool IsEntityPrefix(ReadOnlySpan<char> fromAmp) =>
        fromAmp.StartsWith("&amp;") || fromAmp.StartsWith("&lt;") || fromAmp.StartsWith("&gt;");
}
