using System.Text;

namespace IncidentBot.Messages;

/// <summary>An output encoder that maps each character on its own; subclasses say how.</summary>
public abstract class CharacterEncoder
{
    public string Encode(string? text)
    {
        var target = new StringWriter(new StringBuilder((text?.Length ?? 0) + 16));
        foreach (var c in text ?? "")
        {
            Write(c, target);
        }
        return target.ToString();
    }

    protected abstract void Write(char c, TextWriter target);
}
