using System.Text.RegularExpressions;
using IncidentBot.Domain;

namespace IncidentBot.Commands;

/// <summary>Parses the text after <c>/incident</c>. Pure; every error message says how to do it right.</summary>
public static partial class CommandParser
{
    public const int MaxTextLength = 4000;

    private static readonly Dictionary<string, IncidentTrigger> Transitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resolve"] = IncidentTrigger.Resolve,
        ["fix"] = IncidentTrigger.StartFix,
        ["verify"] = IncidentTrigger.StartVerify,
        ["cancel"] = IncidentTrigger.Cancel,
        ["reopen"] = IncidentTrigger.Reopen,
        ["close"] = IncidentTrigger.Close,
    };

    public static ParsedCommand Parse(string? text)
    {
        text = (text ?? "").Trim();
        if (text.Length == 0)
        {
            return new ParsedCommand.Help();
        }
        if (text.Length > MaxTextLength)
        {
            return new ParsedCommand.Invalid($"That command is {text.Length} characters long; the limit is {MaxTextLength}. Keep the title short and put details in an update.");
        }
        var (verb, rest) = Split(text);
        switch (verb.ToLowerInvariant())
        {
            case "help":
            case "?":
                return new ParsedCommand.Help();
            case "open":
            case "declare":
            case "new":
                return ParseOpen(rest);
            case "update":
                return WithReference(verb, rest, "update INC-42 backfill running, ETA 11:00", (n, tail) => new ParsedCommand.Update(n, tail.Length == 0 ? null : tail));
            case "ack":
            case "acknowledge":
                return WithReference(verb, rest, "ack INC-42", (n, _) => new ParsedCommand.Acknowledge(n));
            case "severity":
            case "sev":
                return WithReference(verb, rest, "severity INC-42 P1", (n, tail) => ParseSeverityArgument(n, tail));
            case "impact":
                return WithReference(verb, rest, "impact INC-42 revenue customer-facing", (n, tail) => ParseImpact(n, tail));
            case "status":
                if (rest.Length == 0)
                {
                    return new ParsedCommand.Status(null);
                }
                return WithReference(verb, rest, "status INC-42", (n, _) => new ParsedCommand.Status(n));
            default:
                if (Transitions.TryGetValue(verb, out var trigger))
                {
                    return WithReference(verb, rest, $"{verb.ToLowerInvariant()} INC-42", (n, tail) => new ParsedCommand.Transition(n, trigger, tail.Length == 0 ? null : tail));
                }
                return new ParsedCommand.Invalid($"I don't know `/incident {Shorten(verb)}`. Try `/incident help` for the list of commands.");
        }
    }

    private static ParsedCommand ParseOpen(string rest)
    {
        if (rest.Length == 0)
        {
            return new ParsedCommand.OpenModal();
        }
        Severity? severity = null;
        Category? category = null;
        var (first, tail) = Split(rest);
        if (SeverityExtensions.TryParse(first, out var parsed))
        {
            severity = parsed;
            rest = tail;
        }
        else if (SeverityLike().IsMatch(first))
        {
            return new ParsedCommand.Invalid($"`{Shorten(first)}` is not a severity. Use P0 (critical), P1 (high), P2 (medium) or P3 (low), e.g. `/incident open P1 orders mart stale since 06:00`.");
        }
        (first, tail) = Split(rest);
        if (first.Contains('-') && CategoryExtensions.TryParse(first, out var named))
        {
            category = named;
            rest = tail;
        }
        if (rest.Length == 0)
        {
            return new ParsedCommand.Invalid("An incident needs a title after the severity, e.g. `/incident open P1 orders mart stale since 06:00`. `/incident open` alone opens a form.");
        }
        return new ParsedCommand.OpenInline(severity, category, rest);
    }

    private static ParsedCommand ParseImpact(long number, string tail)
    {
        var flags = ImpactFlags.None;
        foreach (var word in tail.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var flag = word.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch
            {
                "revenue" or "billing" => ImpactFlags.Revenue,
                "customer" or "customerfacing" or "customers" => ImpactFlags.CustomerFacing,
                "regulatory" or "compliance" => ImpactFlags.Regulatory,
                "security" => ImpactFlags.Security,
                _ => ImpactFlags.None,
            };
            if (flag == ImpactFlags.None)
            {
                return new ParsedCommand.Invalid($"`{Shorten(word)}` is not an impact. Use revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.");
            }
            flags |= flag;
        }
        return flags == ImpactFlags.None
            ? new ParsedCommand.Invalid($"Say which impact: revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.")
            : new ParsedCommand.Impact(number, flags);
    }

    private static ParsedCommand ParseSeverityArgument(long number, string tail)
    {
        var (value, _) = Split(tail);
        if (SeverityExtensions.TryParse(value, out var severity))
        {
            return new ParsedCommand.SetSeverity(number, severity);
        }
        var shown = value.Length == 0 ? "nothing" : $"`{Shorten(value)}`";
        return new ParsedCommand.Invalid($"Severity must be P0, P1, P2 or P3 (got {shown}), e.g. `/incident severity INC-{number} P1`.");
    }

    private static ParsedCommand WithReference(string verb, string rest, string example, Func<long, string, ParsedCommand> next)
    {
        var (reference, tail) = Split(rest);
        if (reference.Length == 0)
        {
            return new ParsedCommand.Invalid($"`/incident {verb.ToLowerInvariant()}` needs an incident reference, e.g. `/incident {example}`.");
        }
        if (!IncidentReference.TryParse(reference, out var number))
        {
            return new ParsedCommand.Invalid($"`{Shorten(reference)}` is not an incident reference. References look like INC-42, e.g. `/incident {example}`.");
        }
        return next(number, tail);
    }

    private static (string Head, string Tail) Split(string text)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t', '\n', '\r']);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    /// <summary>Echoes user input back only escaped by the caller and shortened, so an error never becomes a wall of text.</summary>
    private static string Shorten(string text) => Slack.Mrkdwn.Escape(text.Length <= 40 ? text : text[..40] + "…").Replace("`", "'", StringComparison.Ordinal);

    [GeneratedRegex("^[Pp][0-9]+$")]
    private static partial Regex SeverityLike();
}
