using System.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace IncidentBot.Messages;

/// <summary>Text a template function made safe already (a mention, a date token, a link); written as is.</summary>
public sealed record TrustedText(string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// A Scriban context that escapes every <c>{{ expression }}</c> result with <paramref name="escape"/>
/// unless a template function returned it as <see cref="TrustedText"/>. Literal template text is not
/// touched. Unknown variables are errors, loops, recursion and output are capped, and there is no
/// template loader, so <c>include</c> cannot read files.
/// </summary>
public sealed class SlackTemplateContext : TemplateContext
{
    public const int MaxOutput = 500_000;

    private readonly Func<string, string> _escape;

    public SlackTemplateContext(Func<string, string> escape)
    {
        _escape = escape;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        LoopLimit = 10_000;
        RecursiveLimit = 20;
        LimitToString = MaxOutput;
        TemplateLoader = null;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        var text = textAsObject switch
        {
            null => "",
            TrustedText trusted => trusted.Text,
            _ => _escape(ObjectToString(textAsObject) ?? ""),
        };
        return Write(text);
    }

}

/// <summary>Template output with a cap, so a runaway template fails instead of filling memory.</summary>
public sealed class LimitedOutput(int limit) : IScriptOutput
{
    private readonly StringBuilder _text = new();

    public void Write(string text, int offset, int count)
    {
        if (_text.Length + count > limit)
        {
            throw new TemplateException($"The template wrote more than {limit} characters.");
        }
        _text.Append(text, offset, count);
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => _text.ToString();
}
