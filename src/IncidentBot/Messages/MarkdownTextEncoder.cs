namespace IncidentBot.Messages;

/// <summary>
/// Output encoder for the Markdown postmortem: user text cannot inject HTML (<c>&lt; &gt; &amp;</c> are
/// entities), links or images (<c>[ ]</c> are escaped, so <c>[docs](https://evil)</c> stays text), nor
/// break a table or start a heading (<c>|</c> and <c>\</c> are escaped, so a typed <c>\|</c> cannot
/// unescape the pipe; line breaks become <c>&lt;br&gt;</c>).
/// </summary>
public sealed class MarkdownTextEncoder : CharacterEncoder
{
    protected override void Write(char c, TextWriter target)
    {
        switch (c)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '|': target.Write("\\|"); break;
            case '\\': target.Write("\\\\"); break;
            case '[': target.Write("\\["); break;
            case ']': target.Write("\\]"); break;
            case '\n': target.Write("<br>"); break;
            case '\r': break;
            default: target.Write(c); break;
        }
    }
}
