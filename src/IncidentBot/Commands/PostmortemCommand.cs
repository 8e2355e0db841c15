using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>postmortem INC-n</c> (where the draft is) or <c>postmortem INC-n done &lt;link&gt;</c>.</summary>
    public sealed record Postmortem(long Number, string? DoneLink) : ParsedCommand;
}

/// <summary><c>/incident postmortem INC-n [done &lt;link&gt;]</c>: where the draft is, or record the written postmortem (closes the incident).</summary>
public sealed class PostmortemCommand(IncidentService incidents, IncidentQueries queries, PostmortemDrafts drafts, IOptions<IncidentsOptions> options) : Subcommand<ParsedCommand.Postmortem>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["postmortem", "pm"];

    public static ParsedCommand Parse(CommandInput input) => input.WithReference("postmortem INC-42 done https://wiki/postmortems/42", (number, tail) =>
    {
        var (word, link) = CommandInput.Split(tail);
        if (word.Length == 0)
        {
            return new ParsedCommand.Postmortem(number, null);
        }
        if (!word.Equals("done", StringComparison.OrdinalIgnoreCase) || link.Length == 0)
        {
            return new ParsedCommand.Invalid($"To record the written postmortem: `/incident postmortem INC-{number} done https://wiki/postmortems/{number}`.");
        }
        return new ParsedCommand.Postmortem(number, link.Trim('<', '>').Split('|')[0]);
    });

    protected override CommandPlan Plan(ParsedCommand.Postmortem postmortem, CommandCaller caller) => postmortem.DoneLink switch
    {
        null => new CommandPlan.Read(ct => DraftAsync(postmortem.Number, ct), new ReadYourWrites(postmortem.Number, InboxCatchUp.ReadBudget)),
        { } link => new CommandPlan.Change(postmortem.Number, ct => incidents.ChangeAsync(postmortem.Number, caller.RequestKey, incidents.CompletePostmortem(link, caller.User), ct, caller.ReplyTo)),
    };

    private async Task<IResult> DraftAsync(long number, CancellationToken cancellationToken)
    {
        var incident = await queries.FindAsync(number, cancellationToken);
        if (incident is null)
        {
            return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(number)));
        }
        var status = incident.PostmortemDoneAt is not null ? $"done: {Mrkdwn.Escape(incident.PostmortemLink)}"
            : incident.PostmortemDueAt is { } due ? $"due {SlackTime.Format(due)}"
            : incident.PostmortemRequired ? "needed once it is resolved" : "not required";
        var url = options.Value.PostmortemUrl(incident.Reference);
        var line = $"Postmortem of {incident.Reference}: {status}." + (url is null ? " The draft, built from the timeline:" : $" The draft, built from the timeline: {Mrkdwn.Escape(url)}");
        var draft = await drafts.RenderAsync(incident.Number, cancellationToken) ?? "";
        return SlackReplies.Ephemeral(line, PostmortemMessages.Draft(line, draft, url));
    }
}
