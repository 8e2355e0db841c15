using IncidentBot.Domain;
using IncidentBot.Logging;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>resolve INC-n</c> opens the resolution form; <c>resolve INC-n &lt;summary&gt;</c> resolves at once.</summary>
    public sealed record Resolve(long Number, string? Summary) : ParsedCommand;
}

/// <summary><c>/incident resolve INC-n</c>: the resolution form, or with a summary a quick resolution.</summary>
public sealed class ResolveCommand(IncidentService incidents, IncidentForms forms, TimeProvider time) : Subcommand<ParsedCommand.Resolve>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["resolve"];

    public static ParsedCommand Parse(CommandInput input) =>
        input.WithReference("resolve INC-42", (n, tail) => new ParsedCommand.Resolve(n, CommandInput.Text(tail)));

    protected override CommandPlan Plan(ParsedCommand.Resolve resolve, CommandCaller caller) => resolve.Summary switch
    {
        null => new CommandPlan.Read(ct => OpenFormAsync(resolve.Number, caller, ct), new ReadYourWrites(resolve.Number, InboxCatchUp.FormBudget)),
        { } summary => new CommandPlan.Change(resolve.Number, ct => incidents.ChangeAsync(resolve.Number, caller.RequestKey, incidents.ResolveQuick(summary, caller.User), ct, caller.ReplyTo)),
    };

    private Task<IResult> OpenFormAsync(long number, CommandCaller caller, CancellationToken cancellationToken) =>
        forms.OpenAsync(number, caller.TriggerId, IncidentTrigger.Resolve, i => Modals.Resolve(i, time.GetUtcNow().ToUnixTimeSeconds()), i => $"Resolve inline instead: `/incident resolve {i.Reference} &lt;what happened&gt;`.", cancellationToken);
}
