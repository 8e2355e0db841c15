namespace IncidentBot.Commands;

/// <summary>What <c>/incident ...</c> asked for; each subcommand declares its own records beside its handler.</summary>
public abstract partial record ParsedCommand
{
    /// <summary>Not understood; <see cref="Message"/> says what was wrong and how to do it right.</summary>
    public sealed record Invalid(string Message) : ParsedCommand;
}
