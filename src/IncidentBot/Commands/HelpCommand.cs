using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Help : ParsedCommand;
}

/// <summary><c>/incident help</c> (and <c>/incident</c> alone): the list of commands.</summary>
public sealed class HelpCommand : Subcommand<ParsedCommand.Help>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["help", "?"];

    public static ParsedCommand Parse(CommandInput input) => new ParsedCommand.Help();

    protected override CommandPlan Plan(ParsedCommand.Help command, CommandCaller caller) =>
        new CommandPlan.Read(_ => Task.FromResult(SlackReplies.Ephemeral(HelpText.Text)));
}
