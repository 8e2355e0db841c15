using IncidentBot.Domain;
using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary>Lifecycle steps by name: <c>fix</c>, <c>verify</c>, <c>reopen</c>, <c>close</c>.</summary>
    public sealed record Transition(long Number, IncidentTrigger Trigger, string? Note) : ParsedCommand;
}

/// <summary><c>/incident fix|verify|reopen|close INC-n [note]</c>: moves the incident along its lifecycle.</summary>
public sealed class TransitionCommand(IncidentService incidents) : Subcommand<ParsedCommand.Transition>, ICommandSyntax
{
    private static readonly Dictionary<string, IncidentTrigger> Triggers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fix"] = IncidentTrigger.StartFix,
        ["verify"] = IncidentTrigger.StartVerify,
        ["reopen"] = IncidentTrigger.Reopen,
        ["close"] = IncidentTrigger.Close,
    };

    public static IReadOnlyList<string> Verbs => [.. Triggers.Keys];

    public static ParsedCommand Parse(CommandInput input) =>
        input.WithReference($"{input.Verb.ToLowerInvariant()} INC-42", (n, tail) => new ParsedCommand.Transition(n, Triggers[input.Verb], CommandInput.Text(tail)));

    protected override CommandPlan Plan(ParsedCommand.Transition command, CommandCaller caller) =>
        new CommandPlan.Change(command.Number, ct => incidents.ChangeAsync(command.Number, caller.RequestKey, incidents.Fire(command.Trigger, caller.User, command.Note), ct, caller.ReplyTo));
}
