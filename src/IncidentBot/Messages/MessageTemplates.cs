using System.Globalization;
using HandlebarsDotNet;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>A template that failed to load; the message names the file and the error.</summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The Handlebars templates in <c>templates/</c>, compiled once at start and checked by rendering a
/// sample model: a missing file, a syntax error or a field that does not exist stops the start with
/// the file name and the error.
/// </summary>
public sealed class MessageTemplates
{
    public const string Headline = "headline";
    public const string Update = "update";
    public const string Resolution = "resolution";
    public const string Postmortem = "postmortem";

    private static readonly IReadOnlyDictionary<string, object> Samples = new Dictionary<string, object>
    {
        [Headline] = SampleModels.Headline,
        [Update] = SampleModels.Update,
        [Resolution] = SampleModels.Resolution,
        [Postmortem] = SampleModels.Postmortem,
    };

    /// <summary>Templates whose output is Markdown (served over HTTP) rather than Slack mrkdwn.</summary>
    private static readonly HashSet<string> MarkdownTemplates = [Postmortem];

    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _templates = new(StringComparer.Ordinal);

    public MessageTemplates(string directory)
    {
        var mrkdwn = Create(new MrkdwnTextEncoder());
        var markdown = Create(new MarkdownTextEncoder());
        foreach (var (name, sample) in Samples)
        {
            var path = Path.Combine(directory, name + ".hbs");
            if (!File.Exists(path))
            {
                throw new TemplateException($"Template {path} is missing. Every message kind needs its file in templates/ ({string.Join(", ", Samples.Keys.Select(k => k + ".hbs"))}).");
            }
            try
            {
                var handlebars = MarkdownTemplates.Contains(name) ? markdown : mrkdwn;
                var template = handlebars.Compile(File.ReadAllText(path));
                template(sample);
                _templates[name] = template;
            }
            catch (Exception e)
            {
                throw new TemplateException($"Template {path} is broken: {e.Message}", e);
            }
        }
    }

    public string Render(string name, object model) => _templates[name](model).Trim();

    private static IHandlebars Create(ITextEncoder encoder)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            TextEncoder = encoder,
            ThrowOnUnresolvedBindingExpression = true,
        });
        RegisterHelpers(handlebars);
        return handlebars;
    }

    private static void RegisterHelpers(IHandlebars handlebars)
    {
        // {{utc At}} -> "2026-02-12 09:05 UTC", for Markdown where Slack's date tokens mean nothing.
        handlebars.RegisterHelper("utc", (output, _, arguments) =>
        {
            if (arguments.Length > 0 && arguments[0] is DateTimeOffset at)
            {
                output.WriteSafeString(at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            }
        });

        // {{user DeclaredBy}} -> <@U123>: the only way a template mentions somebody.
        handlebars.RegisterHelper("user", (output, _, arguments) =>
        {
            if (arguments.Length > 0 && arguments[0] is string id && id.Length > 0)
            {
                output.WriteSafeString(Mrkdwn.User(id));
            }
        });

        // {{time DetectedAt}} -> Slack date token, shown in each reader's time zone, with a UTC fallback.
        handlebars.RegisterHelper("time", (output, _, arguments) =>
        {
            if (arguments.Length > 0 && arguments[0] is DateTimeOffset at)
            {
                output.WriteSafeString(SlackTime.Format(at));
            }
        });
    }
}

/// <summary>Slack's <c>&lt;!date^...&gt;</c> token: every reader sees the time in their own zone.</summary>
public static class SlackTime
{
    public static string Format(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    /// <summary>"1 h 5 min", "40 min", "2 d 3 h": durations as a person says them.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        if (span.TotalMinutes < 1)
        {
            return $"{(int)span.TotalSeconds} s";
        }
        if (span.TotalHours < 1)
        {
            return $"{(int)span.TotalMinutes} min";
        }
        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        }
        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
