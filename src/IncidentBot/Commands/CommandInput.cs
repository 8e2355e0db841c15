using IncidentBot.Domain;

namespace IncidentBot.Commands;

/// <summary>
/// What follows the verb of <c>/incident &lt;verb&gt; ...</c>, with <see cref="Today"/> (a day in
/// <see cref="TimeZone"/>) as the reference for relative dates; helpers that keep error messages alike.
/// </summary>
public sealed record CommandInput(string Verb, string Rest, DateOnly Today, string TimeZone = "UTC")
{
    /// <summary>Reads the incident reference that must come first, then hands its number and the rest to <paramref name="next"/>.</summary>
    public ParsedCommand WithReference(string example, Func<long, string, ParsedCommand> next)
    {
        var (reference, tail) = Split(Rest);
        if (reference.Length == 0)
        {
            return new ParsedCommand.Invalid($"`/incident {Verb.ToLowerInvariant()}` needs an incident reference, e.g. `/incident {example}`.");
        }
        if (!IncidentReference.TryParse(reference, out var number))
        {
            return new ParsedCommand.Invalid($"`{Shorten(reference)}` is not an incident reference. References look like INC-42, e.g. `/incident {example}`.");
        }
        return next(number, tail);
    }

    /// <summary>The first word and the trimmed rest.</summary>
    public static (string Head, string Tail) Split(string text)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t', '\n', '\r']);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    /// <summary>User input to echo in an error: escaped and shortened, so it never becomes markup or a wall of text.</summary>
    public static string Shorten(string text) => Slack.Mrkdwn.Escape(Slack.Mrkdwn.Truncate(text, 41)).Replace("`", "'", StringComparison.Ordinal);

    /// <summary>Free text as the person meant it (Slack's escaping undone, see <see cref="Slack.CommandText"/>); null when empty.</summary>
    public static string? Text(string text) => text.Length == 0 ? null : Slack.CommandText.Readable(text);
}
