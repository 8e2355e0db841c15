namespace IncidentBot.Commands;

/// <summary>A subcommand's syntax, declared on its handler: the verbs it answers to and how it reads what follows them (pure).</summary>
public interface ICommandSyntax
{
    static abstract IReadOnlyList<string> Verbs { get; }

    static abstract ParsedCommand Parse(CommandInput input);
}

/// <summary>A subcommand's work as the pipeline sees it; implement it through <see cref="Subcommand{T}"/>.</summary>
public interface ISubcommand
{
    /// <summary>The parsed commands it plans: <c>T</c> of <see cref="Subcommand{T}"/>.</summary>
    Type Parses { get; }

    CommandPlan Plan(ParsedCommand command, CommandCaller caller);
}

/// <summary>
/// One <c>/incident</c> subcommand: with <see cref="ICommandSyntax"/> it is found by the parser and
/// registered by <see cref="CommandParser"/>; <see cref="Plan"/> says in one place what a parsed
/// command is (change, read or refusal) and what it does.
/// </summary>
public abstract class Subcommand<T> : ISubcommand
    where T : ParsedCommand
{
    Type ISubcommand.Parses => typeof(T);

    CommandPlan ISubcommand.Plan(ParsedCommand command, CommandCaller caller) => Plan((T)command, caller);

    protected abstract CommandPlan Plan(T command, CommandCaller caller);
}
