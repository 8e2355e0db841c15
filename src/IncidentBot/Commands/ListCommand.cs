using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record List(bool All) : ParsedCommand;
}

/// <summary><c>/incident list [open|all]</c>.</summary>
public sealed class ListCommand(IncidentQueries queries) : Subcommand<ParsedCommand.List>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["list"];

    public static ParsedCommand Parse(CommandInput input) => input.Rest.ToLowerInvariant() switch
    {
        "" or "open" => new ParsedCommand.List(false),
        "all" => new ParsedCommand.List(true),
        _ => new ParsedCommand.Invalid("Use `/incident list` (open ones) or `/incident list all`."),
    };

    protected override CommandPlan Plan(ParsedCommand.List list, CommandCaller caller) => new CommandPlan.Read(
        async ct => SlackReplies.Ephemeral(await queries.ListAsync(list.All, ct)),
        new ReadYourWrites(null, InboxCatchUp.ReadBudget));
}
