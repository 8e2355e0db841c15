using System.Text.RegularExpressions;

namespace IncidentBot.Slack;

/// <summary>
/// Owners as Slack writes them in escaped command text: a person (<c>&lt;@U123|maria&gt;</c>) or a
/// user group (<c>&lt;!subteam^S0123|@data-platform&gt;</c>). The id is what is stored;
/// <see cref="Mrkdwn.User"/> turns either kind back into a mention.
/// </summary>
public static partial class Mentions
{
    /// <summary>The owner's id (U…/W… for a person, S… for a user group), or false when <paramref name="text"/> is neither mention.</summary>
    public static bool TryParseOwner(string? text, out string id)
    {
        var match = Owner().Match(text?.Trim() ?? "");
        id = match.Success ? match.Groups["id"].Value : "";
        return match.Success;
    }

    /// <summary>True for a user group's id (S0123ABCD), which is mentioned as <c>&lt;!subteam^S0123ABCD&gt;</c>.</summary>
    public static bool IsUserGroup(string id) => id.StartsWith('S') && Mrkdwn.IsSlackId(id);

    [GeneratedRegex(@"^(<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>|<!subteam\^(?<id>S[A-Z0-9]+)(\|[^>]*)?>)$")]
    private static partial Regex Owner();
}
