using System.Text.RegularExpressions;
using IncidentBot.Domain;

namespace IncidentBot.Commands;

/// <summary>Parses the text after <c>/incident</c>. Pure; every error message says how to do it right.</summary>
public static partial class CommandParser
{
    public const int MaxTextLength = 4000;

    private static readonly Dictionary<string, IncidentTrigger> Transitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fix"] = IncidentTrigger.StartFix,
        ["verify"] = IncidentTrigger.StartVerify,
        ["reopen"] = IncidentTrigger.Reopen,
        ["close"] = IncidentTrigger.Close,
    };

    public static ParsedCommand Parse(string? text) => Parse(text, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>Parses with <paramref name="today"/> (a day in <paramref name="timeZone"/>) as the reference for relative dates ("friday", "+3d").</summary>
    public static ParsedCommand Parse(string? text, DateOnly today, string timeZone = "UTC")
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
            case "resolve":
                return WithReference(verb, rest, "resolve INC-42", (n, tail) => new ParsedCommand.Resolve(n, tail.Length == 0 ? null : tail));
            case "cancel":
                return WithReference(verb, rest, "cancel INC-42 duplicate of INC-41", (n, tail) => ParseCancel(n, tail));
            case "postmortem":
            case "pm":
                return WithReference(verb, rest, "postmortem INC-42 done https://wiki/postmortems/42", (n, tail) => ParsePostmortem(n, tail));
            case "action":
            case "actions":
                return WithReference(verb, rest, "action INC-42 add @owner 2026-12-01 add a freshness check", (n, tail) => ParseAction(n, tail, today, timeZone));
            case "list":
                return rest.ToLowerInvariant() switch
                {
                    "" or "open" => new ParsedCommand.List(false),
                    "all" => new ParsedCommand.List(true),
                    _ => new ParsedCommand.Invalid("Use `/incident list` (open ones) or `/incident list all`."),
                };
            case "stats":
                return rest.ToLowerInvariant() switch
                {
                    "" or "30d" => new ParsedCommand.Stats(30),
                    "7d" => new ParsedCommand.Stats(7),
                    "90d" => new ParsedCommand.Stats(90),
                    _ => new ParsedCommand.Invalid("Use `/incident stats` (30 days), `/incident stats 7d` or `/incident stats 90d`."),
                };
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
            return new ParsedCommand.Invalid($"`{Shorten(first)}` is not a severity. Use P0 (critical), P1 (high), P2 (medium) or P3 (low), e.g. `/incident open P1 orders mart stale since 06:00`. A title that starts with such a word needs the severity first: `/incident open P2 {Shorten(first)} ...`.");
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

    private static ParsedCommand ParseCancel(long number, string tail)
    {
        var duplicate = DuplicateOf().Match(tail);
        if (duplicate.Success)
        {
            if (!IncidentReference.TryParse(duplicate.Groups["ref"].Value, out var original))
            {
                return new ParsedCommand.Invalid($"Say which incident it duplicates, e.g. `/incident cancel INC-{number} duplicate of INC-41`.");
            }
            return new ParsedCommand.Cancel(number, null, original);
        }
        return new ParsedCommand.Cancel(number, tail.Length == 0 ? null : tail, null);
    }

    private static ParsedCommand ParsePostmortem(long number, string tail)
    {
        var (word, link) = Split(tail);
        if (word.Length == 0)
        {
            return new ParsedCommand.Postmortem(number, null);
        }
        if (!word.Equals("done", StringComparison.OrdinalIgnoreCase) || link.Length == 0)
        {
            return new ParsedCommand.Invalid($"To record the written postmortem: `/incident postmortem INC-{number} done https://wiki/postmortems/{number}`.");
        }
        return new ParsedCommand.Postmortem(number, link.Trim('<', '>').Split('|')[0]);
    }

    private static ParsedCommand ParseAction(long number, string tail, DateOnly today, string timeZone)
    {
        var (sub, rest) = Split(tail);
        // Examples carry a real date a week ahead, so copying one gives a valid command.
        var example = today.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var usage = $"Action items: `/incident action INC-{number} add @owner {example} <text>`, `/incident action INC-{number} list`, `/incident action INC-{number} done <id>`.";
        switch (sub.ToLowerInvariant())
        {
            case "" or "list":
                return new ParsedCommand.ActionList(number);
            case "done":
                return long.TryParse(rest.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                    ? new ParsedCommand.ActionDone(number, id)
                    : new ParsedCommand.Invalid($"Say which item is done by its number from the list, e.g. `/incident action INC-{number} done 3`.");
            case "add":
                var (ownerText, afterOwner) = Split(rest);
                if (!Slack.Mentions.TryParseOwner(ownerText, out var owner))
                {
                    return new ParsedCommand.Invalid($"Name the owner with an @mention of a person or a user group, e.g. `/incident action INC-{number} add @maria {example} add a freshness check on fct_orders` or `add @data-platform friday ...`.");
                }
                if (!DueDates.TryRead(afterOwner, today, out var due, out var text))
                {
                    return new ParsedCommand.Invalid($"`{Shorten(Split(afterOwner).Head)}` is not a due date. Use {string.Format(System.Globalization.CultureInfo.InvariantCulture, DueDates.Forms, example)}.");
                }
                if (due < today)
                {
                    // A past date would make the item overdue at once and page its owner the next
                    // time the overdue job runs; almost always a typo (wrong year or month).
                    return new ParsedCommand.Invalid($"{due:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd}, {Slack.Mrkdwn.Escape(timeZone)}). Give today or a later date, e.g. {example}, tomorrow or friday.");
                }
                if (text.Length == 0)
                {
                    return new ParsedCommand.Invalid($"Say what is to be done, e.g. `/incident action INC-{number} add @maria {due:yyyy-MM-dd} add a freshness check on fct_orders`.");
                }
                return new ParsedCommand.ActionAdd(number, owner, due, text);
            default:
                return new ParsedCommand.Invalid(usage.Replace("<text>", "&lt;text&gt;", StringComparison.Ordinal).Replace("<id>", "&lt;id&gt;", StringComparison.Ordinal));
        }
    }

    /// <summary>A whole due date in any of the <see cref="DueDates.Forms"/>.</summary>
    public static bool TryParseDue(string text, DateOnly today, out DateOnly due) =>
        DueDates.TryRead(text, today, out due, out var rest) && rest.Length == 0;

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
                return new ParsedCommand.Invalid($"`{Shorten(word)}` is not a business impact. Use revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.");
            }
            flags |= flag;
        }
        return flags == ImpactFlags.None
            ? new ParsedCommand.Invalid($"Say which business impact: revenue, customer-facing, regulatory or security, e.g. `/incident impact INC-{number} revenue`.")
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
    private static string Shorten(string text) => Slack.Mrkdwn.Escape(Slack.Mrkdwn.Truncate(text, 41)).Replace("`", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"^dup(licate)?\s*(of)?\s*(?<ref>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex DuplicateOf();

    /// <summary>Words meant as a severity that are not P0-P3: P7, P-1, P1.0, S1, Sev2, SEV-1.</summary>
    [GeneratedRegex(@"^(?:[PS]|SEV)[-_]?[0-9]+(?:[.,][0-9]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SeverityLike();
}
