using IncidentBot.Domain;
using IncidentBot.Logging;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>update INC-n [text]</c>; no text opens the update modal.</summary>
    public sealed record Update(long Number, string? Text) : ParsedCommand;
}

/// <summary><c>/incident update INC-n &lt;text&gt;</c> posts a status update; without text it opens the update form.</summary>
public sealed class UpdateCommand(IncidentService incidents, IncidentForms forms) : Subcommand<ParsedCommand.Update>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["update"];

    public static ParsedCommand Parse(CommandInput input) =>
        input.WithReference("update INC-42 backfill running, ETA 11:00", (n, tail) => new ParsedCommand.Update(n, CommandInput.Text(tail)));

    protected override CommandPlan Plan(ParsedCommand.Update update, CommandCaller caller) => update.Text switch
    {
        null => new CommandPlan.Read(ct => OpenFormAsync(update.Number, caller, ct), new ReadYourWrites(update.Number, InboxCatchUp.FormBudget)),
        { } text when text.Trim().Length > Incident.MaxTextLength => new CommandPlan.Refuse(
            $"The update is {text.Trim().Length} characters long; the limit is {Incident.MaxTextLength}. Split it into several updates of {IncidentReference.Format(update.Number)}."),
        { } text => new CommandPlan.Change(update.Number, ct => incidents.ChangeAsync(update.Number, caller.RequestKey, incidents.PostUpdate(text, caller.User), ct, caller.ReplyTo)),
    };

    private Task<IResult> OpenFormAsync(long number, CommandCaller caller, CancellationToken cancellationToken) =>
        forms.OpenAsync(number, caller.TriggerId, IncidentTrigger.PostUpdate, Modals.Update, i => $"Post it inline instead: `/incident update {i.Reference} &lt;text&gt;`.", cancellationToken);
}
