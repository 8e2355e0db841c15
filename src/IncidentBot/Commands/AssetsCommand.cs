using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>assets INC-n add|remove names</c>: what the incident affects, as the investigation learns.</summary>
    public sealed record Assets(long Number, IReadOnlyList<string> Add, IReadOnlyList<string> Remove) : ParsedCommand;
}

/// <summary>
/// <c>/incident assets INC-n add|remove &lt;names&gt;</c>: names separated by commas, or by spaces with a
/// name that has spaces in quotes (<c>add orders "Revenue Dashboard"</c>).
/// </summary>
public sealed class AssetsCommand(IncidentService incidents) : Subcommand<ParsedCommand.Assets>, ICommandSyntax
{
    public const int MaxNames = 50;

    public static IReadOnlyList<string> Verbs => ["assets", "asset"];

    public static ParsedCommand Parse(CommandInput input) => input.WithReference("assets INC-42 add analytics.marts.fct_orders", (number, tail) =>
    {
        var (action, rest) = CommandInput.Split(tail);
        var adding = action.Equals("add", StringComparison.OrdinalIgnoreCase);
        if (!adding && !action.Equals("remove", StringComparison.OrdinalIgnoreCase) && !action.Equals("rm", StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedCommand.Invalid($"Say `add` or `remove` and the tables or dashboards, e.g. `/incident assets INC-{number} add analytics.marts.fct_orders, \"Revenue Dashboard\"`.");
        }
        var names = Names(CommandInput.Text(rest) ?? "");
        if (names.Count == 0)
        {
            return new ParsedCommand.Invalid($"Name the tables or dashboards to {action.ToLowerInvariant()}, e.g. `/incident assets INC-{number} {action.ToLowerInvariant()} analytics.marts.fct_orders`.");
        }
        if (names.Count > MaxNames || names.Any(n => n.Length > 200))
        {
            return new ParsedCommand.Invalid($"At most {MaxNames} names of up to 200 characters at a time.");
        }
        return adding ? new ParsedCommand.Assets(number, names, []) : new ParsedCommand.Assets(number, [], names);
    });

    /// <summary>Comma-separated names, else space-separated with quoted names kept whole.</summary>
    public static IReadOnlyList<string> Names(string text)
    {
        text = text.Replace('“', '"').Replace('”', '"');
        if (text.Contains(','))
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.Trim('"').Trim()).Where(n => n.Length > 0).ToList();
        }
        var names = new List<string>();
        var quoted = false;
        var current = new System.Text.StringBuilder();
        foreach (var c in text + " ")
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    names.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        return names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
    }

    protected override CommandPlan Plan(ParsedCommand.Assets command, CommandCaller caller) =>
        new CommandPlan.Change(command.Number, ct => incidents.ChangeAsync(command.Number, caller.RequestKey, incidents.ChangeAssets(command.Add, command.Remove, caller.User), ct, caller.ReplyTo));
}
