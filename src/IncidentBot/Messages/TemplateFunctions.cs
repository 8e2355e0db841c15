using System.Globalization;
using IncidentBot.Slack;
using Scriban.Runtime;

namespace IncidentBot.Messages;

/// <summary>What a template's output is: Slack mrkdwn (messages) or Markdown (the postmortem draft).</summary>
public enum TemplateFlavor
{
    Mrkdwn,
    Markdown,
}

/// <summary>
/// The functions templates may call. They are the only way a template writes Slack control sequences
/// (mentions, date tokens), so each is one place: later changes to who gets @-mentioned go in
/// <see cref="User"/>.
/// </summary>
public static class TemplateFunctions
{
    public static readonly IReadOnlyList<(string Name, string Meaning)> Documented =
    [
        ("user id", "a person: a mention (`<@U123>`) in Slack, `@U123` in the draft; text that is not a user id is escaped"),
        ("time at", "a date and time: Slack's date token (each reader's own time zone) in Slack, `2026-02-12 09:05 UTC` in the draft"),
        ("utc at", "a date and time as `2026-02-12 09:05 UTC`"),
        ("how_long span", "a duration as people say it, to the two largest units: `45 s`, `40 min`, `1 h 5 min`, `2 d 3 h`"),
        ("exactly span", "a duration with every unit that is not zero, for configured spans: `1 min 50 s`, `1 h 30 s`"),
        ("mention target", "a target from configuration (`Policy:Escalations:n:Notify`, `Policy:ImpactNotify:*`), written as configured"),
    ];

    public static void Register(ScriptObject globals, TemplateFlavor flavor)
    {
        globals.Import("user", new Func<object?, object>(id => User(id as string, flavor)));
        globals.Import("time", new Func<object?, object>(at => at is DateTimeOffset t ? new TrustedText(flavor == TemplateFlavor.Mrkdwn ? SlackTime.Format(t) : Utc(t)) : ""));
        globals.Import("utc", new Func<object?, object>(at => at is DateTimeOffset t ? new TrustedText(Utc(t)) : ""));
        globals.Import("how_long", new Func<object?, object>(span => span is TimeSpan s ? SlackTime.Duration(s) : ""));
        globals.Import("exactly", new Func<object?, object>(span => span is TimeSpan s ? SlackTime.Exact(s) : ""));
        globals.Import("mention", new Func<object?, object>(target => target is string s ? (flavor == TemplateFlavor.Mrkdwn ? new TrustedText(s) : s) : ""));
    }

    /// <summary>How a template names a person.</summary>
    public static object User(string? id, TemplateFlavor flavor) => string.IsNullOrEmpty(id)
        ? ""
        : new TrustedText(flavor == TemplateFlavor.Mrkdwn ? Mrkdwn.User(id) : "@" + Markdown.Encode(id));

    private static readonly MarkdownTextEncoder Markdown = new();

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
