using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Commands;

/// <summary>
/// Handles <c>/incident</c>: parse, apply through <see cref="IncidentService"/>, answer with an
/// ephemeral line. The answer goes in the HTTP response (no Slack call), except forms, which need
/// views.open while the trigger_id is fresh.
/// </summary>
public sealed class CommandHandler(
    IncidentService incidents,
    IncidentQueries queries,
    FollowUpService followUps,
    ViewOpener views,
    TimeProvider time,
    IOptions<Configuration.IncidentsOptions> options,
    ILogger<CommandHandler> logger)
{
    public async Task<IResult> HandleAsync(SlashCommand command, string requestKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.UserId))
        {
            return Results.BadRequest("A slash command needs user_id.");
        }
        var parsed = Readable(CommandParser.Parse(command.Text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        try
        {
            return await DispatchAsync(parsed, command, requestKey, cancellationToken);
        }
        catch (IncidentRuleException rule)
        {
            return SlackReplies.Ephemeral(Mrkdwn.Escape(rule.Message));
        }
    }

    private async Task<IResult> DispatchAsync(ParsedCommand parsed, SlashCommand command, string requestKey, CancellationToken cancellationToken)
    {
        var user = command.UserId!;
        switch (parsed)
        {
            case ParsedCommand.Help:
                return SlackReplies.Ephemeral(HelpText.Text);

            case ParsedCommand.Invalid invalid:
                return SlackReplies.Ephemeral(invalid.Message);

            case ParsedCommand.OpenInline open:
                return await OpenInlineAsync(open, user, requestKey, cancellationToken);

            case ParsedCommand.OpenModal:
            {
                var failure = await views.OpenAsync(command.TriggerId, Modals.Open(user, time.GetUtcNow().ToUnixTimeSeconds(), command.ChannelId), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Declare it inline instead: `/incident open P1 &lt;title&gt;`.");
            }

            case ParsedCommand.Update { Text: null } update:
            {
                var incident = await queries.FindAsync(update.Number, cancellationToken);
                if (incident is null)
                {
                    return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(update.Number)));
                }
                if (!incident.IsActive)
                {
                    return SlackReplies.Ephemeral($"{incident.Reference} is {incident.State}; updates go to active incidents only.");
                }
                var failure = await views.OpenAsync(command.TriggerId, Modals.Update(incident), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Post it inline instead: `/incident update {incident.Reference} &lt;text&gt;`.");
            }

            case ParsedCommand.Update update:
                return Reply(await incidents.ChangeAsync(update.Number, requestKey, incidents.PostUpdate(update.Text!, user), cancellationToken));

            case ParsedCommand.Acknowledge ack:
                return Reply(await incidents.ChangeAsync(ack.Number, requestKey, incidents.Acknowledge(user), cancellationToken));

            case ParsedCommand.SetSeverity severity:
                return Reply(await incidents.ChangeAsync(severity.Number, requestKey, incidents.ChangeSeverity(severity.Severity, user), cancellationToken));

            case ParsedCommand.Resolve { Summary: null } resolve:
            {
                var incident = await queries.FindAsync(resolve.Number, cancellationToken);
                if (incident is null)
                {
                    return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(resolve.Number)));
                }
                if (!incident.PermittedTriggers.Contains(IncidentTrigger.Resolve))
                {
                    return SlackReplies.Ephemeral(incident.State == IncidentState.Open
                        ? $"{incident.Reference} is not acknowledged yet: `/incident ack {incident.Reference}` first, or `/incident cancel {incident.Reference}` if it was a false alarm."
                        : $"{incident.Reference} is {incident.State}; only an active, acknowledged incident can be resolved.");
                }
                var failure = await views.OpenAsync(command.TriggerId, Modals.Resolve(incident, time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Resolve inline instead: `/incident resolve {incident.Reference} &lt;what happened&gt;`.");
            }

            case ParsedCommand.Resolve resolve:
                return Reply(await incidents.ChangeAsync(resolve.Number, requestKey, incidents.ResolveQuick(resolve.Summary!, user), cancellationToken));

            case ParsedCommand.Cancel { DuplicateOf: { } original } when original == ((ParsedCommand.Cancel)parsed).Number || await queries.FindAsync(original, cancellationToken) is null:
                return SlackReplies.Ephemeral(original == ((ParsedCommand.Cancel)parsed).Number
                    ? "An incident cannot be a duplicate of itself."
                    : $"There is no {IncidentReference.Format(original)} to be a duplicate of. `/incident list all` shows the incidents.");

            case ParsedCommand.Cancel cancel:
                return Reply(await incidents.ChangeAsync(cancel.Number, requestKey, incidents.Cancel(user, cancel.Reason, cancel.DuplicateOf), cancellationToken));

            case ParsedCommand.Postmortem { DoneLink: { } link } postmortem:
                return Reply(await incidents.ChangeAsync(postmortem.Number, requestKey, incidents.CompletePostmortem(link, user), cancellationToken));

            case ParsedCommand.Postmortem postmortem:
            {
                var incident = await queries.FindAsync(postmortem.Number, cancellationToken);
                if (incident is null)
                {
                    return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(postmortem.Number)));
                }
                var status = incident.PostmortemDoneAt is not null ? $"done: {Mrkdwn.Escape(incident.PostmortemLink)}"
                    : incident.PostmortemDueAt is { } due ? $"due {SlackTime.Format(due)}"
                    : incident.PostmortemRequired ? "needed once it is resolved" : "not required";
                return SlackReplies.Ephemeral($"Postmortem of {incident.Reference}: {status}. Draft from the timeline: {Mrkdwn.Escape(options.Value.PostmortemUrl(incident.Reference))}");
            }

            case ParsedCommand.ActionAdd add:
                return SlackReplies.Ephemeral(await followUps.AddAsync(add.Number, add.Owner, add.Due, add.Text, user, requestKey, cancellationToken));

            case ParsedCommand.ActionList list:
                return SlackReplies.Ephemeral(await followUps.ListAsync(list.Number, cancellationToken));

            case ParsedCommand.ActionDone done:
                return SlackReplies.Ephemeral(await followUps.CompleteAsync(done.Number, done.Id, user, requestKey, cancellationToken));

            case ParsedCommand.List list:
                return SlackReplies.Ephemeral(await queries.ListAsync(list.All, cancellationToken));

            case ParsedCommand.Stats stats:
                return SlackReplies.Ephemeral(await queries.StatsAsync(stats.Days, cancellationToken));

            case ParsedCommand.Impact impact:
                return Reply(await incidents.ChangeAsync(impact.Number, requestKey, incidents.AddImpact(impact.Flags, user), cancellationToken));

            case ParsedCommand.Transition transition:
                return Reply(await incidents.ChangeAsync(transition.Number, requestKey, incidents.Fire(transition.Trigger, user, transition.Note), cancellationToken));

            case ParsedCommand.Status { Number: { } number }:
            {
                var incident = await queries.FindAsync(number, cancellationToken);
                return incident is null
                    ? SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(number)))
                    : SlackReplies.Ephemeral($"{incident.Reference} status", await queries.DetailAsync(incident, cancellationToken));
            }

            case ParsedCommand.Status:
                return SlackReplies.Ephemeral(await queries.ActiveSummaryAsync(cancellationToken));

            default:
                logger.LogError("Unhandled command {Command}", parsed.GetType().Name);
                return SlackReplies.Ephemeral(SlackReplies.InternalError);
        }
    }

    private async Task<IResult> OpenInlineAsync(ParsedCommand.OpenInline open, string user, string requestKey, CancellationToken cancellationToken)
    {
        var category = open.Category ?? CategoryGuess.FromTitle(open.Title);
        var severity = open.Severity ?? category.TypicalSeverity();
        var result = await incidents.OpenAsync(new OpenIncident(open.Title, severity, category, user), requestKey, cancellationToken);
        return result switch
        {
            { Status: OpenStatus.Created, Incident: { } incident } => SlackReplies.Ephemeral(
                $"Declared *{incident.Reference}* ({severity.Code()} {severity.Label()}, {category.DisplayName()}"
                + (open.Severity is null ? ", the category's typical severity" : "")
                + $"). Posting it to {Mrkdwn.Escape(options.Value.Channel)}; change severity or acknowledge from the headline."),
            { Status: OpenStatus.AlreadyOpen, Incident: { } existing } => SlackReplies.Ephemeral(
                $"You declared *{existing.Reference}* with this title {SlackTime.Format(existing.DeclaredAt)}; not opening a duplicate. Post to it with `/incident update {existing.Reference} &lt;text&gt;`."),
            _ => SlackReplies.Ephemeral("Already done."),
        };
    }

    /// <summary>Free text (titles, updates, notes) stored as the person meant it; see <see cref="CommandText"/>.</summary>
    private static ParsedCommand Readable(ParsedCommand parsed) => parsed switch
    {
        ParsedCommand.OpenInline open => open with { Title = CommandText.Readable(open.Title) },
        ParsedCommand.Update { Text: { } text } update => update with { Text = CommandText.Readable(text) },
        ParsedCommand.Resolve { Summary: { } summary } resolve => resolve with { Summary = CommandText.Readable(summary) },
        ParsedCommand.Cancel { Reason: { } reason } cancel => cancel with { Reason = CommandText.Readable(reason) },
        ParsedCommand.Transition { Note: { } note } transition => transition with { Note = CommandText.Readable(note) },
        ParsedCommand.ActionAdd add => add with { Text = CommandText.Readable(add.Text) },
        _ => parsed,
    };

    private static IResult Reply(ChangeResult result) => SlackReplies.Ephemeral(result.Reply);
}
