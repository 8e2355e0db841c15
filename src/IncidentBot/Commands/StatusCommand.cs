using IncidentBot.Domain;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Status(long? Number) : ParsedCommand;
}

/// <summary><c>/incident status [INC-n]</c>: one incident in detail, or the open ones.</summary>
public sealed class StatusCommand(IncidentQueries queries) : Subcommand<ParsedCommand.Status>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["status"];

    public static ParsedCommand Parse(CommandInput input) => input.Rest.Length == 0
        ? new ParsedCommand.Status(null)
        : input.WithReference("status INC-42", (n, _) => new ParsedCommand.Status(n));

    protected override CommandPlan Plan(ParsedCommand.Status status, CommandCaller caller) =>
        new CommandPlan.Read(ct => AnswerAsync(status.Number, ct), new ReadYourWrites(status.Number, InboxCatchUp.ReadBudget));

    private async Task<IResult> AnswerAsync(long? number, CancellationToken cancellationToken)
    {
        if (number is null)
        {
            return SlackReplies.Ephemeral(await queries.ActiveSummaryAsync(cancellationToken));
        }
        var incident = await queries.FindAsync(number.Value, cancellationToken);
        return incident is null
            ? SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(number.Value)))
            : SlackReplies.Ephemeral($"{incident.Reference} status", await queries.DetailAsync(incident, cancellationToken));
    }
}
