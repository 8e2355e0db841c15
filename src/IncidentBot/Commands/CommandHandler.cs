using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.Logging;
using IncidentBot.Messages;
using IncidentBot.Queues;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Commands;

/// <summary>
/// Handles <c>/incident</c> in two halves, as Bolt separates <c>ack</c> from the work.
/// <para>On the request path (<see cref="HandleAsync"/>): parse; answer at once what needs no change
/// (help, mistakes, status, lists, forms, which need views.open while the trigger_id is fresh);
/// store a change (open, update, ack...) in the inbox with one insert and answer Slack with an empty
/// 200. Nothing here calls Slack except views.open.</para>
/// <para>In the inbox worker (<see cref="ApplyAsync"/>): apply the change in one transaction that also
/// queues the answer for the command's response_url, so the person hears exactly once what happened,
/// a moment later, only if it did.</para>
/// </summary>
public sealed class CommandHandler(
    IncidentService incidents,
    IncidentQueries queries,
    FollowUpService followUps,
    PostmortemDrafts drafts,
    ViewOpener views,
    IInbox inbox,
    InboxSignal inboxSignal,
    InboxCatchUp catchUp,
    TimeProvider time,
    IOptions<Configuration.IncidentsOptions> options,
    IOptions<Configuration.SlackOptions> slack,
    ILogger<CommandHandler> logger)
{
    public async Task<IResult> HandleAsync(SlashCommand command, string body, string requestKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.UserId))
        {
            return Results.BadRequest("A slash command needs user_id.");
        }
        var now = time.GetUtcNow();
        var parsed = Parse(command, now);
        if (IsChange(parsed, out var incidentNumber))
        {
            if (Precheck(parsed, command.UserId, now) is { } problem)
            {
                return SlackReplies.Ephemeral(problem);
            }
            // A replay (the same signed bytes again) is stored once and answered the same way: empty.
            await inbox.AdmitAsync(new InboxItem(requestKey, InboxKind.Command, body, incidentNumber, now), cancellationToken);
            inboxSignal.Notify();
            return SlackReplies.Ack();
        }
        if (Reads(parsed) is { } reads && !await catchUp.WaitAsync(reads.Number, reads.Budget, cancellationToken))
        {
            logger.LogInformation("Answering {Command} before every earlier change to it was applied", parsed.GetType().Name);
        }
        try
        {
            return await AnswerNowAsync(parsed, command, cancellationToken);
        }
        catch (IncidentRuleException rule)
        {
            return SlackReplies.Ephemeral(Mrkdwn.Escape(rule.Message));
        }
    }

    /// <summary>The inbox worker's half: applies a stored change and queues its answer (see <see cref="ReplyTo"/>).</summary>
    public async Task ApplyAsync(SlashCommand command, string requestKey, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var user = command.UserId ?? throw new InvalidDataException("A stored slash command has no user_id.");
        var replyTo = new ReplyTo(requestKey, user, ResponseUrls.Parse(command.ResponseUrl, slack.Value.ApiBaseUri), command.ChannelId);
        var parsed = Parse(command, receivedAt);
        try
        {
            if (!IsChange(parsed, out _))
            {
                // Stored by a version that deferred more, or tampered with: answer as the request path would.
                logger.LogWarning("Stored command {Command} is not a change; ignoring it", parsed.GetType().Name);
                return;
            }
            if (Precheck(parsed, user, receivedAt) is { } problem)
            {
                await incidents.AnswerAsync(replyTo, problem, cancellationToken);
                return;
            }
            await ApplyChangeAsync(parsed, user, requestKey, replyTo, cancellationToken);
        }
        catch (IncidentRuleException rule)
        {
            await incidents.AnswerAsync(replyTo, Mrkdwn.Escape(rule.Message), cancellationToken);
        }
    }

    /// <summary>Commands that change something go through the inbox; <paramref name="incidentNumber"/> is the incident they name, if any.</summary>
    public static bool IsChange(ParsedCommand parsed, out long? incidentNumber)
    {
        incidentNumber = parsed switch
        {
            ParsedCommand.Update { Text: not null } c => c.Number,
            ParsedCommand.Acknowledge c => c.Number,
            ParsedCommand.SetSeverity c => c.Number,
            ParsedCommand.Resolve { Summary: not null } c => c.Number,
            ParsedCommand.Cancel c => c.Number,
            ParsedCommand.Postmortem { DoneLink: not null } c => c.Number,
            ParsedCommand.ActionAdd c => c.Number,
            ParsedCommand.ActionDone c => c.Number,
            ParsedCommand.Impact c => c.Number,
            ParsedCommand.Transition c => c.Number,
            _ => null,
        };
        return incidentNumber is not null || parsed is ParsedCommand.OpenInline;
    }

    /// <summary>What a command answered at once reads (one incident, or all when Number is null), and how long it may wait for earlier changes to it.</summary>
    private static (long? Number, TimeSpan Budget)? Reads(ParsedCommand parsed) => parsed switch
    {
        ParsedCommand.Update c => (c.Number, InboxCatchUp.FormBudget),
        ParsedCommand.Resolve c => (c.Number, InboxCatchUp.FormBudget),
        ParsedCommand.Postmortem c => (c.Number, InboxCatchUp.ReadBudget),
        ParsedCommand.ActionList c => (c.Number, InboxCatchUp.ReadBudget),
        ParsedCommand.Status c => (c.Number, InboxCatchUp.ReadBudget),
        ParsedCommand.List or ParsedCommand.Stats => (null, InboxCatchUp.ReadBudget),
        _ => null,
    };

    /// <summary>What can be said to be wrong without the database, so the person hears it at once and nothing is stored.</summary>
    private string? Precheck(ParsedCommand parsed, string user, DateTimeOffset now)
    {
        switch (parsed)
        {
            case ParsedCommand.OpenInline open:
                try
                {
                    var category = open.Category ?? CategoryGuess.FromTitle(open.Title);
                    _ = Incident.Declare(open.Title, open.Severity ?? category.TypicalSeverity(), category, user, options.Value.Channel, now);
                    return null;
                }
                catch (IncidentRuleException rule)
                {
                    return Mrkdwn.Escape(rule.Message);
                }
            case ParsedCommand.Update { Text: { } text } update when text.Trim().Length > Incident.MaxTextLength:
                return $"The update is {text.Trim().Length} characters long; the limit is {Incident.MaxTextLength}. Split it into several updates of {IncidentReference.Format(update.Number)}.";
            case ParsedCommand.Cancel { DuplicateOf: { } original } cancel when original == cancel.Number:
                return "An incident cannot be a duplicate of itself.";
            case ParsedCommand.ActionAdd add:
                return FollowUpService.CheckText(add.Text);
            default:
                return null;
        }
    }

    private async Task ApplyChangeAsync(ParsedCommand parsed, string user, string requestKey, ReplyTo replyTo, CancellationToken cancellationToken)
    {
        switch (parsed)
        {
            case ParsedCommand.OpenInline open:
            {
                var guess = open.Category is null ? CategoryGuess.Guess(open.Title) : null;
                var category = open.Category ?? guess!.Category;
                var severity = open.Severity ?? category.TypicalSeverity();
                await incidents.OpenAsync(new OpenIncident(open.Title, severity, category, user), requestKey, cancellationToken, replyTo, result => OpenReply(result, open, severity, category, guess));
                return;
            }

            case ParsedCommand.Update update:
                await incidents.ChangeAsync(update.Number, requestKey, incidents.PostUpdate(update.Text!, user), cancellationToken, replyTo);
                return;

            case ParsedCommand.Acknowledge ack:
                await incidents.ChangeAsync(ack.Number, requestKey, incidents.Acknowledge(user), cancellationToken, replyTo);
                return;

            case ParsedCommand.SetSeverity severity:
                await incidents.ChangeAsync(severity.Number, requestKey, incidents.ChangeSeverity(severity.Severity, user), cancellationToken, replyTo);
                return;

            case ParsedCommand.Resolve resolve:
                await incidents.ChangeAsync(resolve.Number, requestKey, incidents.ResolveQuick(resolve.Summary!, user), cancellationToken, replyTo);
                return;

            case ParsedCommand.Cancel { DuplicateOf: { } original } when await queries.FindAsync(original, cancellationToken) is null:
                await incidents.AnswerAsync(replyTo, $"There is no {IncidentReference.Format(original)} to be a duplicate of. `/incident list all` shows the incidents.", cancellationToken);
                return;

            case ParsedCommand.Cancel cancel:
                await incidents.ChangeAsync(cancel.Number, requestKey, incidents.Cancel(user, cancel.Reason, cancel.DuplicateOf), cancellationToken, replyTo);
                return;

            case ParsedCommand.Postmortem postmortem:
                await incidents.ChangeAsync(postmortem.Number, requestKey, incidents.CompletePostmortem(postmortem.DoneLink!, user), cancellationToken, replyTo);
                return;

            case ParsedCommand.ActionAdd add:
                await followUps.AddAsync(add.Number, add.Owner, add.Due, add.Text, user, requestKey, cancellationToken, replyTo);
                return;

            case ParsedCommand.ActionDone done:
                await followUps.CompleteAsync(done.Number, done.Id, user, requestKey, cancellationToken, replyTo);
                return;

            case ParsedCommand.Impact impact:
                await incidents.ChangeAsync(impact.Number, requestKey, incidents.AddImpact(impact.Flags, user), cancellationToken, replyTo);
                return;

            case ParsedCommand.Transition transition:
                await incidents.ChangeAsync(transition.Number, requestKey, incidents.Fire(transition.Trigger, user, transition.Note), cancellationToken, replyTo);
                return;

            default:
                logger.LogError("Unhandled change {Command}", parsed.GetType().Name);
                await incidents.AnswerAsync(replyTo, SlackReplies.InternalError, cancellationToken);
                return;
        }
    }

    /// <summary>Everything that changes nothing: answered in the HTTP response.</summary>
    private async Task<IResult> AnswerNowAsync(ParsedCommand parsed, SlashCommand command, CancellationToken cancellationToken)
    {
        var user = command.UserId!;
        switch (parsed)
        {
            case ParsedCommand.Help:
                return SlackReplies.Ephemeral(HelpText.Text);

            case ParsedCommand.Invalid invalid:
                return SlackReplies.Ephemeral(invalid.Message);

            case ParsedCommand.OpenModal:
            {
                var failure = await views.OpenAsync(command.TriggerId, Modals.Open(user, time.GetUtcNow().ToUnixTimeSeconds(), command.ChannelId), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Declare it inline instead: `/incident open P1 &lt;title&gt;`.");
            }

            case ParsedCommand.Update update:
            {
                using var scope = logger.BeginIncidentScope(IncidentReference.Format(update.Number));
                var incident = await queries.FindAsync(update.Number, cancellationToken);
                if (incident is null)
                {
                    return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(update.Number)));
                }
                if (incident.WhyNot(IncidentTrigger.PostUpdate) is { } refusal)
                {
                    return SlackReplies.Ephemeral(refusal);
                }
                var failure = await views.OpenAsync(command.TriggerId, Modals.Update(incident), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Post it inline instead: `/incident update {incident.Reference} &lt;text&gt;`.");
            }

            case ParsedCommand.Resolve resolve:
            {
                using var scope = logger.BeginIncidentScope(IncidentReference.Format(resolve.Number));
                var incident = await queries.FindAsync(resolve.Number, cancellationToken);
                if (incident is null)
                {
                    return SlackReplies.Ephemeral(IncidentService.NotFound(IncidentReference.Format(resolve.Number)));
                }
                if (incident.WhyNot(IncidentTrigger.Resolve) is { } refusal)
                {
                    return SlackReplies.Ephemeral(refusal);
                }
                var failure = await views.OpenAsync(command.TriggerId, Modals.Resolve(incident, time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken);
                return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Resolve inline instead: `/incident resolve {incident.Reference} &lt;what happened&gt;`.");
            }

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
                var url = options.Value.PostmortemUrl(incident.Reference);
                var line = $"Postmortem of {incident.Reference}: {status}." + (url is null ? " The draft, built from the timeline:" : $" The draft, built from the timeline: {Mrkdwn.Escape(url)}");
                var draft = await drafts.RenderAsync(incident.Number, cancellationToken) ?? "";
                return SlackReplies.Ephemeral(line, PostmortemMessages.Draft(line, draft, url));
            }

            case ParsedCommand.ActionList list:
                return SlackReplies.Ephemeral(await followUps.ListAsync(list.Number, cancellationToken));

            case ParsedCommand.List list:
                return SlackReplies.Ephemeral(await queries.ListAsync(list.All, cancellationToken));

            case ParsedCommand.Stats stats:
                return SlackReplies.Ephemeral(await queries.StatsAsync(stats.Days, cancellationToken));

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

    private string OpenReply(OpenResult result, ParsedCommand.OpenInline open, Severity severity, Category category, CategoryGuessResult? guess) => result switch
    {
        { Status: OpenStatus.AlreadyOpen, Incident: { } existing } =>
            $"You declared *{existing.Reference}* with this title {SlackTime.Format(existing.DeclaredAt)}; not opening a duplicate. Post to it with `/incident update {existing.Reference} &lt;text&gt;`.",
        { Incident: { } incident } =>
            $"Declared *{incident.Reference}* ({severity.Code()} {severity.Label()}, {category.DisplayName()}"
            + (open.Severity is null ? ", the category's typical severity" : "")
            + $"). Posting it to {Mrkdwn.Escape(options.Value.Channel)}; change severity or acknowledge from the headline."
            + GuessReply(guess, severity),
        _ => "Already done.",
    };

    /// <summary>Which title words decided a guessed category, and how to name another; "" when the category was named.</summary>
    private static string GuessReply(CategoryGuessResult? guess, Severity severity)
    {
        if (guess is null)
        {
            return "";
        }
        var why = guess.Words.Count == 0
            ? $"{guess.Category.DisplayName()} because no word in the title names another category"
            : $"{guess.Category.DisplayName()} was guessed from " + string.Join(" and ", guess.Words.Select(w => $"\"{Mrkdwn.Escape(w)}\""));
        return $" {why}; to choose, name it before the title, e.g. `/incident open {severity.Code()} data-quality &lt;title&gt;`.";
    }

    /// <summary>Parses with the day the request came, in the workspace's time zone, as "today"; free text is kept as the person meant it (see <see cref="CommandText"/>).</summary>
    private ParsedCommand Parse(SlashCommand command, DateTimeOffset at) =>
        Readable(CommandParser.Parse(command.Text, options.Value.Today(at), options.Value.TimeZone));

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
}
