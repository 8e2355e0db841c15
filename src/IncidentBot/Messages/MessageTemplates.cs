using IncidentBot.Slack;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace IncidentBot.Messages;

/// <summary>A template that failed to load or render; the message names the file, line and column.</summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The Scriban templates in <c>templates/</c>, one file per message, parsed once at start and checked
/// by rendering sample models: a missing file, a syntax error or an unknown variable stops the start
/// with <c>file(line,col): message</c>. Every expression's output is escaped (see <see cref="SlackTemplateContext"/>).
/// </summary>
public sealed partial class MessageTemplates
{
    public const string Extension = ".scriban";
    public const string Headline = "headline";
    public const string Update = "update";
    public const string Reminder = "reminder";
    public const string EscalationNotAcknowledged = "escalation-not-acknowledged";
    public const string EscalationNoUpdate = "escalation-no-update";
    public const string EscalationUnresolved = "escalation-unresolved";
    public const string Impact = "impact";
    public const string Resolution = "resolution";
    public const string PostmortemReminder = "postmortem-reminder";
    public const string Postmortem = "postmortem";
    public const string Acknowledged = "acknowledged";
    public const string Transition = "transition";
    public const string SeverityChanged = "severity-changed";
    public const string Cancelled = "cancelled";
    public const string PostmortemRecorded = "postmortem-recorded";
    public const string ActionItemAdded = "action-item-added";
    public const string ActionItemDone = "action-item-done";
    public const string ActionItemOverdue = "action-item-overdue";
    public const string AlertCheck = "alert-check";
    public const string BlastRadius = "blast-radius";
    public const string WatchFailing = "watch-failing";

    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public MessageTemplates(string directory)
    {
        foreach (var (name, samples) in SampleModels.All)
        {
            var path = Path.Combine(directory, name + Extension);
            if (!File.Exists(path))
            {
                throw new TemplateException($"Template {path} is missing. Every message needs its file in templates/ ({string.Join(", ", SampleModels.All.Keys.Select(k => k + Extension))}).");
            }
            var template = Template.Parse(File.ReadAllText(path), path);
            if (template.HasErrors)
            {
                throw new TemplateException(string.Join("\n", template.Messages.Select(m => $"{path}({m.Span.Start.Line + 1},{m.Span.Start.Column + 1}): {m.Message}")));
            }
            _templates[name] = template;
            foreach (var sample in samples)
            {
                Render(name, sample);
            }
        }
    }

    public static TemplateFlavor FlavorOf(string name) => name == Postmortem ? TemplateFlavor.Markdown : TemplateFlavor.Mrkdwn;

    /// <summary>Renders <paramref name="name"/>; <paramref name="names"/> gives display names for the Markdown draft.</summary>
    public string Render(string name, object model, Func<string, string?>? names = null)
    {
        var flavor = FlavorOf(name);
        var template = _templates[name];
        var context = new SlackTemplateContext(flavor == TemplateFlavor.Mrkdwn ? Mrkdwn.Escape : new MarkdownTextEncoder().Encode);
        var globals = new ScriptObject();
        globals.Import(model);
        TemplateFunctions.Register(globals, flavor, names);
        context.PushGlobal(globals);
        var output = new LimitedOutput(SlackTemplateContext.MaxOutput);
        context.PushOutput(output);
        try
        {
            template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateException($"{e.Span.FileName}({e.Span.Start.Line + 1},{e.Span.Start.Column + 1}): {e.OriginalMessage}", e);
        }
        catch (TemplateException e)
        {
            throw new TemplateException($"{template.SourceFilePath}: {e.Message}", e);
        }
        // Optional lines leave blank lines behind; one blank line is all a message ever needs.
        return BlankLines().Replace(output.ToString(), "\n\n").Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex("\n{3,}")]
    private static partial System.Text.RegularExpressions.Regex BlankLines();
}
