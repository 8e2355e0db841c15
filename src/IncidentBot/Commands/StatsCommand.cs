using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Stats(int Days) : ParsedCommand;
}

/// <summary><c>/incident stats [7d|30d|90d]</c>: the team's metrics.</summary>
public sealed class StatsCommand(IncidentQueries queries) : Subcommand<ParsedCommand.Stats>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["stats"];

    public static ParsedCommand Parse(CommandInput input) => input.Rest.ToLowerInvariant() switch
    {
        "" or "30d" => new ParsedCommand.Stats(30),
        "7d" => new ParsedCommand.Stats(7),
        "90d" => new ParsedCommand.Stats(90),
        _ => new ParsedCommand.Invalid("Use `/incident stats` (30 days), `/incident stats 7d` or `/incident stats 90d`."),
    };

    protected override CommandPlan Plan(ParsedCommand.Stats stats, CommandCaller caller) => new CommandPlan.Read(
        async ct => SlackReplies.Ephemeral(await queries.StatsAsync(stats.Days, ct)),
        new ReadYourWrites(null, InboxCatchUp.ReadBudget));
}
