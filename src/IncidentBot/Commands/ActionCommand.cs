using System.Globalization;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Slack;
using IncidentBot.SlackApi;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>action INC-n add|list|done ...</c>: postmortem follow-ups.</summary>
    public abstract record Action : ParsedCommand;

    public sealed record ActionAdd(long Number, string Owner, DateOnly Due, string Text) : Action;

    public sealed record ActionList(long Number) : Action;

    public sealed record ActionDone(long Number, long Id) : Action;
}

/// <summary><c>/incident action INC-n add @owner &lt;due&gt; &lt;text&gt;</c>, <c>list</c>, <c>done &lt;id&gt;</c>: action items.</summary>
public sealed class ActionCommand(FollowUpService followUps) : Subcommand<ParsedCommand.Action>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["action", "actions"];

    public static ParsedCommand Parse(CommandInput input) =>
        input.WithReference("action INC-42 add @owner 2026-12-01 add a freshness check", (n, tail) => Parse(n, tail, input.Today, input.TimeZone));

    protected override CommandPlan Plan(ParsedCommand.Action action, CommandCaller caller) => action switch
    {
        ParsedCommand.ActionAdd add when FollowUpService.CheckText(add.Text) is { } problem => new CommandPlan.Refuse(problem),
        ParsedCommand.ActionAdd add => new CommandPlan.Change(add.Number, ct => followUps.AddAsync(add.Number, add.Owner, add.Due, add.Text, caller.User, caller.RequestKey, ct, caller.ReplyTo)),
        ParsedCommand.ActionDone done => new CommandPlan.Change(done.Number, ct => followUps.CompleteAsync(done.Number, done.Id, caller.User, caller.RequestKey, ct, caller.ReplyTo)),
        ParsedCommand.ActionList list => new CommandPlan.Read(
            async ct => SlackReplies.Ephemeral(await followUps.ListAsync(list.Number, ct)),
            new ReadYourWrites(list.Number, InboxCatchUp.ReadBudget)),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Not an action item command."),
    };

    private static ParsedCommand Parse(long number, string tail, DateOnly today, string timeZone)
    {
        var (sub, rest) = CommandInput.Split(tail);
        // Examples carry a real date a week ahead, so copying one gives a valid command.
        var example = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (sub.ToLowerInvariant())
        {
            case "" or "list":
                return new ParsedCommand.ActionList(number);
            case "done":
                return long.TryParse(rest.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? new ParsedCommand.ActionDone(number, id)
                    : new ParsedCommand.Invalid($"Say which item is done by its number from the list, e.g. `/incident action INC-{number} done 3`.");
            case "add":
                var (ownerText, afterOwner) = CommandInput.Split(rest);
                if (!Mentions.TryParseOwner(ownerText, out var owner))
                {
                    return new ParsedCommand.Invalid($"Name the owner with an @mention of a person or a user group, e.g. `/incident action INC-{number} add @maria {example} add a freshness check on fct_orders` or `add @data-platform friday ...`.");
                }
                if (!DueDates.TryRead(afterOwner, today, out var due, out var text))
                {
                    return new ParsedCommand.Invalid($"`{CommandInput.Shorten(CommandInput.Split(afterOwner).Head)}` is not a due date. Use {string.Format(CultureInfo.InvariantCulture, DueDates.Forms, example)}.");
                }
                if (due < today)
                {
                    // A past date would page the owner the next time the overdue job runs; almost always a typo.
                    return new ParsedCommand.Invalid($"{due:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd}, {Mrkdwn.Escape(timeZone)}). Give today or a later date, e.g. {example}, tomorrow or friday.");
                }
                if (text.Length == 0)
                {
                    return new ParsedCommand.Invalid($"Say what is to be done, e.g. `/incident action INC-{number} add @maria {due:yyyy-MM-dd} add a freshness check on fct_orders`.");
                }
                return new ParsedCommand.ActionAdd(number, owner, due, CommandText.Readable(text));
            default:
                return new ParsedCommand.Invalid($"Action items: `/incident action INC-{number} add @owner {example} &lt;text&gt;`, `/incident action INC-{number} list`, `/incident action INC-{number} done &lt;id&gt;`.");
        }
    }
}
