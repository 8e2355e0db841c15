using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>
/// Turns the text a tool sent into what a signal holds: one-line titles, short details, http(s)
/// links, times, bounded fingerprints and asset lists. Everything stays text: nothing is escaped
/// here (the caller escapes when it shows it).
/// </summary>
internal static partial class AlertText
{
    /// <summary>The longest <see cref="AlertSignal.Details"/>.</summary>
    public const int MaxDetailsLength = 500;

    /// <summary>The longest fingerprint kept as sent; a longer one is hashed (see <see cref="Fingerprint"/>).</summary>
    public const int MaxFingerprintLength = 200;

    public const int MaxUrlLength = 2048;

    private const string Ellipsis = "…";

    /// <summary>One line: control characters and runs of whitespace become one space, trimmed, cut to <see cref="Incident.MaxTitleLength"/> with an ellipsis; null when nothing is left.</summary>
    public static string? Title(string? text) => Cut(OneLine(text), Incident.MaxTitleLength);

    /// <summary>Short text: control characters other than line breaks become spaces, runs of spaces and blank lines collapse, trimmed, cut to <see cref="MaxDetailsLength"/> characters with an ellipsis; null when nothing is left.</summary>
    public static string? Details(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var builder = new StringBuilder(Math.Min(text.Length, MaxDetailsLength * 2));
        foreach (var c in text.Length > MaxDetailsLength * 4 ? text[..(MaxDetailsLength * 4)] : text)
        {
            if (c == '\n')
            {
                builder.Append('\n');
            }
            else if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        var cleaned = BlankLines().Replace(SpaceRuns().Replace(builder.ToString(), " "), "\n").Trim();
        return Cut(cleaned, MaxDetailsLength);
    }

    /// <summary>Collapses whitespace and control characters to single spaces and trims; null when blank.</summary>
    public static string? OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var builder = new StringBuilder(Math.Min(text.Length, 4096));
        var space = false;
        // Titles are cut to 200 characters, so a huge string is only read as far as it matters.
        foreach (var c in text.Length > 4096 ? text[..4096] : text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, the last one an ellipsis, never splitting a surrogate pair.</summary>
    public static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }
        var keep = max - Ellipsis.Length;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return text[..keep].TrimEnd() + Ellipsis;
    }

    /// <summary>An absolute http or https URL, or null (other schemes, relative links and garbage are dropped).</summary>
    public static string? Url(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || trimmed.Any(char.IsControl) || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        return trimmed;
    }

    /// <summary>
    /// An ISO-8601 time, liberally: with or without <c>Z</c> or an offset (none means UTC), with a
    /// <c>T</c> or a space, with up to nine fractional digits (Soda sends nanoseconds; .NET reads seven).
    /// Alertmanager's zero time (<c>0001-01-01T00:00:00Z</c>: "not ended") and anything unparsable are null.
    /// </summary>
    public static DateTimeOffset? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return null;
        }
        var normalized = LongFraction().Replace(text.Trim(), m => m.Groups[1].Value);
        if (!DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return null;
        }
        return time.Year <= 1 ? null : time;
    }

    /// <summary>
    /// <c>source:part1:part2...</c>. Parts are kept as sent (trimmed); when the whole would be longer than
    /// <see cref="MaxFingerprintLength"/>, the parts are replaced by <c>sha256:</c> and the first 32 hex
    /// digits of their SHA-256, so the same check still gets the same fingerprint.
    /// </summary>
    public static string Fingerprint(string source, params ReadOnlySpan<string?> parts)
    {
        var joined = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                joined.Append(':');
            }
            joined.Append(OneLine(parts[i]) ?? "");
        }
        var text = joined.ToString();
        if (source.Length + 1 + text.Length <= MaxFingerprintLength)
        {
            return source + ":" + text;
        }
        return source + ":sha256:" + Hash(text)[..32];
    }

    /// <summary>A value a person sent, quoted and short, for an error message: <c>"Errored"</c>, or <c>nothing</c>.</summary>
    public static string Quote(string? text) => OneLine(text) is { } line ? "\"" + Cut(line, 40) + "\"" : "nothing";

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Non-blank one-line names, first spelling kept, duplicates (ignoring case) dropped, order kept.</summary>
    public static IReadOnlyList<string> Assets(IEnumerable<string?> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<string>();
        foreach (var name in names)
        {
            if (Cut(OneLine(name), Incident.MaxTitleLength) is { } clean && seen.Add(clean))
            {
                list.Add(clean);
            }
        }
        return list;
    }

    [GeneratedRegex(@"(\.\d{7})\d+")]
    private static partial Regex LongFraction();

    [GeneratedRegex(@"[ ]{2,}")]
    private static partial Regex SpaceRuns();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex BlankLines();
}
