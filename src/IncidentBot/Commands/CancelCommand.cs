using System.Text.RegularExpressions;
using IncidentBot.Domain;
using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>cancel INC-n [duplicate of INC-m | reason]</c>.</summary>
    public sealed record Cancel(long Number, string? Reason, long? DuplicateOf) : ParsedCommand;
}

/// <summary><c>/incident cancel INC-n [duplicate of INC-m | reason]</c>: closes a false alarm or a duplicate without a postmortem.</summary>
public sealed partial class CancelCommand(IncidentService incidents, IncidentQueries queries) : Subcommand<ParsedCommand.Cancel>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["cancel"];

    public static ParsedCommand Parse(CommandInput input) => input.WithReference("cancel INC-42 duplicate of INC-41", (number, tail) =>
    {
        var duplicate = DuplicateOf().Match(tail);
        if (!duplicate.Success)
        {
            return new ParsedCommand.Cancel(number, CommandInput.Text(tail), null);
        }
        return IncidentReference.TryParse(duplicate.Groups["ref"].Value, out var original)
            ? new ParsedCommand.Cancel(number, null, original)
            : new ParsedCommand.Invalid($"Say which incident it duplicates, e.g. `/incident cancel INC-{number} duplicate of INC-41`.");
    });

    protected override CommandPlan Plan(ParsedCommand.Cancel cancel, CommandCaller caller) =>
        cancel.DuplicateOf == cancel.Number
            ? new CommandPlan.Refuse("An incident cannot be a duplicate of itself.")
            : new CommandPlan.Change(cancel.Number, ct => ApplyAsync(cancel, caller, ct));

    private async Task ApplyAsync(ParsedCommand.Cancel cancel, CommandCaller caller, CancellationToken cancellationToken)
    {
        if (cancel.DuplicateOf is { } original && await queries.FindAsync(original, cancellationToken) is null)
        {
            await incidents.AnswerAsync(caller.ReplyTo, $"There is no {IncidentReference.Format(original)} to be a duplicate of. `/incident list all` shows the incidents.", cancellationToken);
            return;
        }
        await incidents.ChangeAsync(cancel.Number, caller.RequestKey, incidents.Cancel(caller.User, cancel.Reason, cancel.DuplicateOf), cancellationToken, caller.ReplyTo);
    }

    [GeneratedRegex(@"^dup(licate)?\s*(of)?\s*(?<ref>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex DuplicateOf();
}
