using System.Globalization;
using IncidentBot.Alerts;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>unsilence &lt;id&gt;</c>.</summary>
    public sealed record Unsilence(long Id) : ParsedCommand;
}

/// <summary><c>/incident unsilence &lt;id&gt;</c>: ends a silence early.</summary>
public sealed class UnsilenceCommand(AlertSilences silences) : Subcommand<ParsedCommand.Unsilence>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["unsilence", "unmute"];

    public static ParsedCommand Parse(CommandInput input) =>
        long.TryParse(input.Rest.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new ParsedCommand.Unsilence(id)
            : new ParsedCommand.Invalid("Say which silence to end by its number, e.g. `/incident unsilence 3`; `/incident silences` lists them.");

    protected override CommandPlan Plan(ParsedCommand.Unsilence unsilence, CommandCaller caller) =>
        new CommandPlan.Change(AlertIntake.Lane, ct => silences.EndAsync(unsilence.Id, caller.ReplyTo, ct));
}
