using IncidentBot.Incidents;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Acknowledge(long Number) : ParsedCommand;
}

/// <summary><c>/incident ack INC-n</c>: the caller becomes the responder.</summary>
public sealed class AcknowledgeCommand(IncidentService incidents) : Subcommand<ParsedCommand.Acknowledge>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["ack", "acknowledge"];

    public static ParsedCommand Parse(CommandInput input) =>
        input.WithReference("ack INC-42", (n, _) => new ParsedCommand.Acknowledge(n));

    protected override CommandPlan Plan(ParsedCommand.Acknowledge ack, CommandCaller caller) =>
        new CommandPlan.Change(ack.Number, ct => incidents.ChangeAsync(ack.Number, caller.RequestKey, incidents.Acknowledge(caller.User), ct, caller.ReplyTo));
}
