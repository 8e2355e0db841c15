using IncidentBot.Domain;
using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record SetSeverity(long Number, Severity Severity) : ParsedCommand;
}

/// <summary><c>/incident severity INC-n P0-P3</c>.</summary>
public sealed class SeverityCommand(IncidentService incidents) : Subcommand<ParsedCommand.SetSeverity>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["severity", "sev"];

    public static ParsedCommand Parse(CommandInput input) => input.WithReference("severity INC-42 P1", (number, tail) =>
    {
        var (value, _) = CommandInput.Split(tail);
        if (SeverityExtensions.TryParse(value, out var severity))
        {
            return new ParsedCommand.SetSeverity(number, severity);
        }
        var shown = value.Length == 0 ? "nothing" : $"`{CommandInput.Shorten(value)}`";
        return new ParsedCommand.Invalid($"Severity must be P0, P1, P2 or P3 (got {shown}), e.g. `/incident severity INC-{number} P1`.");
    });

    protected override CommandPlan Plan(ParsedCommand.SetSeverity command, CommandCaller caller) =>
        new CommandPlan.Change(command.Number, ct => incidents.ChangeAsync(command.Number, caller.RequestKey, incidents.ChangeSeverity(command.Severity, caller.User), ct, caller.ReplyTo));
}
