using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Queues;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Commands;

/// <summary>
/// Runs <c>/incident</c> in two halves, as Bolt separates <c>ack</c> from the work: the request path
/// parses once and follows the subcommand's <see cref="CommandPlan"/> (a change is stored parsed in the
/// inbox and acknowledged empty; a read is answered at once); the inbox worker applies the stored change.
/// </summary>
public sealed class CommandHandler(
    IEnumerable<ISubcommand> subcommands,
    IncidentService incidents,
    IInbox inbox,
    InboxSignal inboxSignal,
    InboxCatchUp catchUp,
    TimeProvider time,
    IOptions<IncidentsOptions> options,
    IOptions<SlackOptions> slack,
    ILogger<CommandHandler> logger)
{
    private readonly ISubcommand[] _subcommands = [.. subcommands];

    /// <summary>The request path: nothing here calls Slack except a subcommand's views.open.</summary>
    public async Task<IResult> HandleAsync(SlashCommand request, string requestKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.UserId))
        {
            return Results.BadRequest("A slash command needs user_id.");
        }
        var now = time.GetUtcNow();
        var stored = new StoredCommand(Parse(request.Text, now), request.UserId, request.ChannelId, request.ResponseUrl);
        try
        {
            switch (Plan(stored, Caller(stored, requestKey, now, request.TriggerId)))
            {
                case CommandPlan.Refuse refuse:
                    return SlackReplies.Ephemeral(refuse.Problem);
                case CommandPlan.Change change:
                    // A replay (the same signed bytes again) is stored once and answered the same way: empty.
                    await inbox.AdmitAsync(new InboxItem(requestKey, InboxKind.Command, StoredCommand.Write(request, stored.Command), change.Incident, now), cancellationToken);
                    inboxSignal.Notify();
                    return SlackReplies.Ack();
                case CommandPlan.Read read:
                    if (read.CatchUp is { } reads && !await catchUp.WaitAsync(reads.Incident, reads.Budget, cancellationToken))
                    {
                        logger.LogInformation("Answering {Command} before every earlier change to it was applied", stored.Command.GetType().Name);
                    }
                    return await read.Answer(cancellationToken);
                default:
                    throw new InvalidOperationException($"Unknown plan for {stored.Command.GetType().Name}.");
            }
        }
        catch (IncidentRuleException rule)
        {
            return SlackReplies.Ephemeral(Mrkdwn.Escape(rule.Message));
        }
    }

    /// <summary>A stored command as the inbox worker applies it, or null when its body cannot be read back.</summary>
    public StoredCommand? Read(InboxItem item) => StoredCommand.Read(item.Body, text => Parse(text, item.ReceivedAt));

    /// <summary>Where the sender of a stored command hears back.</summary>
    public ReplyTo ReplyTo(StoredCommand stored, string requestKey) =>
        new(requestKey, stored.User, ResponseUrls.Parse(stored.ResponseUrl, slack.Value.ApiBaseUri), stored.Channel);

    /// <summary>The inbox worker's half: applies a stored change; its answer is queued with it (see <see cref="Incidents.ReplyTo"/>).</summary>
    public async Task ApplyAsync(StoredCommand stored, string requestKey, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var caller = Caller(stored, requestKey, receivedAt, triggerId: null);
        try
        {
            switch (Plan(stored, caller))
            {
                case CommandPlan.Change change:
                    await change.Apply(cancellationToken);
                    return;
                case CommandPlan.Refuse refuse:
                    await incidents.AnswerAsync(caller.ReplyTo, refuse.Problem, cancellationToken);
                    return;
                default:
                    // Stored by a version that deferred more, or tampered with.
                    logger.LogWarning("Stored command {Command} is not a change; ignoring it", stored.Command.GetType().Name);
                    return;
            }
        }
        catch (IncidentRuleException rule)
        {
            await incidents.AnswerAsync(caller.ReplyTo, Mrkdwn.Escape(rule.Message), cancellationToken);
        }
    }

    private CommandCaller Caller(StoredCommand stored, string requestKey, DateTimeOffset at, string? triggerId) =>
        new(stored.User, requestKey, at, ReplyTo(stored, requestKey), triggerId);

    /// <summary>Parses with the day the request came, in the workspace's time zone, as "today".</summary>
    private ParsedCommand Parse(string? text, DateTimeOffset at) =>
        CommandParser.Parse(text, options.Value.Today(at), options.Value.TimeZone);

    private CommandPlan Plan(StoredCommand stored, CommandCaller caller) => stored.Command switch
    {
        ParsedCommand.Invalid invalid => new CommandPlan.Read(_ => Task.FromResult(SlackReplies.Ephemeral(invalid.Message))),
        var command => Array.Find(_subcommands, s => s.Parses.IsInstanceOfType(command)) is { } subcommand
            ? subcommand.Plan(command, caller)
            : throw new InvalidOperationException($"No subcommand plans {command.GetType().Name}."),
    };
}
