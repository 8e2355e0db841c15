using System.Text;
using HandlebarsDotNet;

namespace IncidentBot.Messages;

/// <summary>A Handlebars output encoder that maps each character on its own; subclasses say how.</summary>
public abstract class CharacterEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target)
    {
        for (var i = 0; text is not null && i < text.Length; i++)
        {
            Write(text[i], target);
        }
    }

    public void Encode(string? text, TextWriter target)
    {
        foreach (var c in text ?? "")
        {
            Write(c, target);
        }
    }

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        while (text is not null && text.MoveNext())
        {
            Write(text.Current, target);
        }
    }

    protected abstract void Write(char c, TextWriter target);
}
