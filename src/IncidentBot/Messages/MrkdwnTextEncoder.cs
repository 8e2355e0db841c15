namespace IncidentBot.Messages;

/// <summary>
/// Handlebars output encoder for Slack mrkdwn: escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and
/// nothing else. (The default HTML encoder also turns quotes into <c>&amp;quot;</c>, which Slack shows
/// literally.) So <c>{{Title}}</c> can never become <c>&lt;!channel&gt;</c>; only helpers that
/// write safe strings (<c>{{user}}</c>, <c>{{time}}</c>) emit Slack control sequences.
/// </summary>
public sealed class MrkdwnTextEncoder : CharacterEncoder
{
    protected override void Write(char c, TextWriter target)
    {
        switch (c)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            default: target.Write(c); break;
        }
    }
}
