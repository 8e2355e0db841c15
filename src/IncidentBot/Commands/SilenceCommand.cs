using System.Globalization;
using System.Text.RegularExpressions;
using IncidentBot.Alerts;
using IncidentBot.Domain.Alerts;

namespace IncidentBot.Commands;

public abstract partial record ParsedCommand
{
    /// <summary><c>silence &lt;asset or fingerprint&gt; &lt;duration&gt; [reason]</c>.</summary>
    public sealed record Silence(string Matcher, TimeSpan Duration, string? Reason) : ParsedCommand;
}

/// <summary>
/// <c>/incident silence &lt;asset or fingerprint&gt; &lt;duration&gt; [reason]</c>: for a maintenance window,
/// alerts for that asset or check are stored and counted and declare and post nothing.
/// </summary>
public sealed partial class SilenceCommand(AlertSilences silences) : Subcommand<ParsedCommand.Silence>, ICommandSyntax
{
    public static IReadOnlyList<string> Verbs => ["silence", "mute"];

    private const string Example = "`/incident silence analytics.marts.fct_sales 2h backfill running`";

    public static ParsedCommand Parse(CommandInput input)
    {
        var (matcher, tail) = CommandInput.Split(input.Rest);
        var (duration, reason) = CommandInput.Split(tail);
        if (matcher.Length == 0 || duration.Length == 0)
        {
            return new ParsedCommand.Invalid($"Say what to silence and for how long: an asset or an alert fingerprint, then a duration such as `30m`, `2h` or `1d`, e.g. {Example}.");
        }
        if (matcher.Length > AlertSilence.MaxMatcherLength)
        {
            return new ParsedCommand.Invalid($"That name is {matcher.Length} characters long; an asset or fingerprint is at most {AlertSilence.MaxMatcherLength}.");
        }
        if (!TryParseDuration(duration, out var span))
        {
            return new ParsedCommand.Invalid($"`{CommandInput.Shorten(duration)}` is not a duration. Use minutes, hours or days such as `30m`, `2h`, `1h30m` or `1d`, e.g. {Example}.");
        }
        if (span > AlertSilences.MaxDuration)
        {
            return new ParsedCommand.Invalid($"A silence lasts at most {AlertSilences.MaxDuration.TotalDays:0} days, so a check is never muted and forgotten. Silence again when it runs out.");
        }
        var text = CommandInput.Text(reason);
        return text is { Length: > AlertSilence.MaxReasonLength }
            ? new ParsedCommand.Invalid($"The reason is {text.Length} characters long; keep it under {AlertSilence.MaxReasonLength}.")
            : new ParsedCommand.Silence(CommandInput.Text(matcher)!, span, text);
    }

    /// <summary><c>30m</c>, <c>2h</c>, <c>1h30m</c>, <c>1d</c>, <c>90min</c>, <c>2 hours</c>: positive, in minutes, hours and days.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Duration().Match(text.Trim());
        if (!match.Success || !match.Groups.Cast<Group>().Skip(1).Any(g => g.Success))
        {
            return false;
        }
        static int Part(Group g) => g.Success && int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 100_000) : 0;
        duration = TimeSpan.FromDays(Part(match.Groups["d"])) + TimeSpan.FromHours(Part(match.Groups["h"])) + TimeSpan.FromMinutes(Part(match.Groups["m"]));
        return duration > TimeSpan.Zero;
    }

    protected override CommandPlan Plan(ParsedCommand.Silence silence, CommandCaller caller) =>
        new CommandPlan.Change(AlertIntake.Lane, ct => silences.AddAsync(silence.Matcher, silence.Duration, silence.Reason, caller.User, caller.ReplyTo, ct));

    [GeneratedRegex(@"^(?:(?<d>\d{1,6})\s*d(?:ays?)?)?\s*(?:(?<h>\d{1,6})\s*h(?:(?:ou)?rs?)?)?\s*(?:(?<m>\d{1,6})\s*m(?:in(?:ute)?s?)?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}
