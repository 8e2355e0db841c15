using IncidentBot.Domain;

namespace IncidentBot.Commands;

/// <summary>What <c>/incident ...</c> asked for, or why it could not be understood.</summary>
public abstract record ParsedCommand
{
    public sealed record Help : ParsedCommand;

    /// <summary><c>open [P0-P3] [category] &lt;title&gt;</c>; Severity/Category null when not given.</summary>
    public sealed record OpenInline(Severity? Severity, Category? Category, string Title) : ParsedCommand;

    public sealed record OpenModal : ParsedCommand;

    /// <summary><c>update INC-n [text]</c>; no text opens the update modal.</summary>
    public sealed record Update(long Number, string? Text) : ParsedCommand;

    public sealed record Acknowledge(long Number) : ParsedCommand;

    public sealed record SetSeverity(long Number, Severity Severity) : ParsedCommand;

    public sealed record Status(long? Number) : ParsedCommand;

    /// <summary>Lifecycle steps by name: <c>resolve</c>, <c>fix</c>, <c>verify</c>, <c>cancel</c>, <c>reopen</c>, <c>close</c>.</summary>
    public sealed record Transition(long Number, IncidentTrigger Trigger, string? Note) : ParsedCommand;

    /// <summary><c>impact INC-n revenue customer-facing regulatory security</c>: flags that route to groups.</summary>
    public sealed record Impact(long Number, ImpactFlags Flags) : ParsedCommand;

    /// <summary><c>resolve INC-n</c> opens the resolution form; <c>resolve INC-n &lt;summary&gt;</c> resolves at once.</summary>
    public sealed record Resolve(long Number, string? Summary) : ParsedCommand;

    /// <summary><c>cancel INC-n [duplicate of INC-m | reason]</c>.</summary>
    public sealed record Cancel(long Number, string? Reason, long? DuplicateOf) : ParsedCommand;

    /// <summary><c>postmortem INC-n</c> (where the draft is) or <c>postmortem INC-n done &lt;link&gt;</c>.</summary>
    public sealed record Postmortem(long Number, string? DoneLink) : ParsedCommand;

    public sealed record ActionAdd(long Number, string Owner, DateOnly Due, string Text) : ParsedCommand;

    public sealed record ActionList(long Number) : ParsedCommand;

    public sealed record ActionDone(long Number, long Id) : ParsedCommand;

    public sealed record List(bool All) : ParsedCommand;

    public sealed record Stats(int Days) : ParsedCommand;

    /// <summary>Not understood; <see cref="Message"/> says what was wrong and how to do it right.</summary>
    public sealed record Invalid(string Message) : ParsedCommand;
}
