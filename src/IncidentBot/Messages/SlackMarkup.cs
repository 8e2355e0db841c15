using System.Text.RegularExpressions;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>
/// Slack's markup as a reader outside Slack should see it, for the Markdown draft: <c>&lt;@U123&gt;</c> is
/// the person's name, <c>&lt;!subteam^S123|@data-oncall&gt;</c> is <c>@data-oncall</c>, <c>&lt;!here&gt;</c>
/// is <c>@here</c>, <c>&lt;#C1|ops&gt;</c> is <c>#ops</c> and a link is its label or address. The result is
/// plain text: it is escaped like any other text where it is written.
/// </summary>
public static partial class SlackMarkup
{
    public static string Plain(string text, Func<string, string?>? names = null) => Token().Replace(text, m =>
    {
        var body = m.Groups["body"].Value;
        var bar = body.IndexOf('|', StringComparison.Ordinal);
        var (target, label) = bar < 0 ? (body, null) : (body[..bar], body[(bar + 1)..]);
        return target switch
        {
            _ when target.StartsWith('@') => names?.Invoke(target[1..]) ?? NonEmpty(label) ?? target[1..],
            _ when target.StartsWith("!subteam^", StringComparison.Ordinal) => NonEmpty(label) is { } handle ? (handle.StartsWith('@') ? handle : "@" + handle) : target["!subteam^".Length..],
            _ when target.StartsWith('!') => "@" + target[1..].Split('^')[0],
            _ when target.StartsWith('#') => "#" + (NonEmpty(label) ?? target[1..]),
            _ => NonEmpty(label) ?? target,
        };
    });

    /// <summary>The ids of people named in <paramref name="text"/>'s mentions, for looking their names up first.</summary>
    public static IEnumerable<string> People(string text) =>
        Token().Matches(text).Select(m => m.Groups["body"].Value).Where(b => b.StartsWith('@')).Select(b => b[1..].Split('|')[0]).Where(Mrkdwn.IsSlackId);

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    [GeneratedRegex(@"<(?<body>(?:[@!#]|https?://)[^<>]+)>")]
    private static partial Regex Token();
}
