using IncidentBot.Alerts;
using IncidentBot.Inbox;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Silences : ParsedCommand;
}

/// <summary><c>/incident silences</c>: running silences and those ended in the last day, with how many alerts each kept quiet.</summary>
public sealed class SilencesCommand(AlertSilences silences) : Subcommand<ParsedCommand.Silences>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["silences", "mutes"];

    public static ParsedCommand Parse(CommandInput input) => input.Rest.Length == 0
        ? new ParsedCommand.Silences()
        : new ParsedCommand.Invalid("`/incident silences` takes nothing after it.");

    protected override CommandPlan Plan(ParsedCommand.Silences command, CommandCaller caller) => new CommandPlan.Read(
        async ct => SlackReplies.Ephemeral(await silences.ListAsync(ct)),
        new ReadYourWrites(AlertIntake.Lane, InboxCatchUp.ReadBudget));
}
