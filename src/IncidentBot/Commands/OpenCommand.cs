using System.Text.RegularExpressions;
using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.Messages;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>open</c> with a title (<see cref="OpenInline"/>) or without (<see cref="OpenModal"/>).</summary>
    public abstract record Open : ParsedCommand;

    /// <summary><c>open [P0-P3] [category] &lt;title&gt;</c>; Severity/Category null when not given.</summary>
    public sealed record OpenInline(Severity? Severity, Category? Category, string Title) : Open;

    public sealed record OpenModal : Open;
}

/// <summary><c>/incident open [P0-P3] [category] &lt;title&gt;</c> declares an incident; without a title it opens the declaration form.</summary>
public sealed partial class OpenCommand(IncidentService incidents, ViewOpener views, TimeProvider time, IOptions<IncidentsOptions> options) : Subcommand<ParsedCommand.Open>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["open", "declare", "new"];

    public static ParsedCommand Parse(CommandInput input)
    {
        var rest = input.Rest;
        if (rest.Length == 0)
        {
            return new ParsedCommand.OpenModal();
        }
        Severity? severity = null;
        Category? category = null;
        var (first, tail) = CommandInput.Split(rest);
        if (SeverityExtensions.TryParse(first, out var parsed))
        {
            severity = parsed;
            rest = tail;
        }
        else if (SeverityLike().IsMatch(first))
        {
            var word = CommandInput.Shorten(first);
            return new ParsedCommand.Invalid($"`{word}` is not a severity. Use P0 (critical), P1 (high), P2 (medium) or P3 (low), e.g. `/incident open P1 orders mart stale since 06:00`. A title that starts with such a word needs the severity first: `/incident open P2 {word} ...`.");
        }
        (first, tail) = CommandInput.Split(rest);
        if (first.Contains('-') && CategoryExtensions.TryParse(first, out var named))
        {
            category = named;
            rest = tail;
        }
        if (rest.Length == 0)
        {
            return new ParsedCommand.Invalid("An incident needs a title after the severity, e.g. `/incident open P1 orders mart stale since 06:00`. `/incident open` alone opens a form.");
        }
        return new ParsedCommand.OpenInline(severity, category, CommandText.Readable(rest));
    }

    protected override CommandPlan Plan(ParsedCommand.Open open, CommandCaller caller)
    {
        if (open is not ParsedCommand.OpenInline inline)
        {
            return new CommandPlan.Read(ct => OpenFormAsync(caller, ct));
        }
        var guess = inline.Category is null ? CategoryGuess.Guess(inline.Title) : null;
        var category = inline.Category ?? guess!.Category;
        var severity = inline.Severity ?? category.TypicalSeverity();
        var request = new OpenIncident(inline.Title, severity, category, caller.User);
        // Checked before it is stored, so a bad title is answered at once (IncidentRuleException).
        _ = Incident.Declare(request.Title, severity, category, caller.User, options.Value.Channel, caller.At);
        return new CommandPlan.Change(null, ct => incidents.OpenAsync(request, caller.RequestKey, ct, caller.ReplyTo, result => Reply(result, inline, severity, category, guess)));
    }

    private async Task<IResult> OpenFormAsync(CommandCaller caller, CancellationToken cancellationToken)
    {
        var failure = await views.OpenAsync(caller.TriggerId, Modals.Open(caller.User, time.GetUtcNow().ToUnixTimeSeconds(), caller.ReplyTo.Channel), cancellationToken);
        return failure is null ? SlackReplies.Ack() : SlackReplies.Ephemeral($"{failure} Declare it inline instead: `/incident open P1 &lt;title&gt;`.");
    }

    private string Reply(OpenResult result, ParsedCommand.OpenInline open, Severity severity, Category category, CategoryGuessResult? guess) => result switch
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

    /// <summary>Words meant as a severity that are not P0-P3: P7, P-1, P1.0, S1, Sev2, SEV-1.</summary>
    [GeneratedRegex(@"^(?:[PS]|SEV)[-_]?[0-9]+(?:[.,][0-9]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SeverityLike();
}
