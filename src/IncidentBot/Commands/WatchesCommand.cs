using IncidentBot.SlackApi;
using IncidentBot.Watches;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    public sealed record Watches : ParsedCommand;
}

/// <summary><c>/incident watches</c>: each watch's last result, the newest load it saw and its next run.</summary>
public sealed class WatchesCommand(WatchStatus status) : Subcommand<ParsedCommand.Watches>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["watches"];

    public static ParsedCommand Parse(CommandInput input) => input.Rest.Length == 0
        ? new ParsedCommand.Watches()
        : new ParsedCommand.Invalid("`/incident watches` takes nothing after it.");

    protected override CommandPlan Plan(ParsedCommand.Watches command, CommandCaller caller) =>
        new CommandPlan.Read(async ct => SlackReplies.Ephemeral(await status.DescribeAsync(ct)));
}
