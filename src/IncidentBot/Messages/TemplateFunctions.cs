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
        ("user id", "a person named as text, never a mention: the display name (from `users.info`, filled in when the message is sent), or the id when Slack cannot say; text that is not a user id is escaped"),
        ("time at", "a date and time: Slack's date token (each reader's own time zone) in Slack, `2026-02-12 09:05 UTC` in the draft"),
        ("utc at", "a date and time as `2026-02-12 09:05 UTC`"),
        ("how_long span", "a duration as people say it, to the two largest units: `45 s`, `40 min`, `1 h 5 min`, `2 d 3 h`"),
        ("exactly span", "a duration with every unit that is not zero, for configured spans: `1 min 50 s`, `1 h 30 s`"),
        ("ping id", "a person or team who must act (a reminder, an escalation, an assignment): a mention (`<@U123>`, `<!subteam^S123>`) in Slack, the display name in the draft; an e-mail address becomes the mention of the Slack user with it (`users.lookupByEmail`, when the message is sent), else the address as text; other text is escaped"),
        ("mention target", "a target from configuration (`Policy:Escalations:n:Notify`, `Policy:ImpactNotify:*`), written as configured; in the draft as people read it (`@data-oncall`)"),
    ];

    /// <summary><paramref name="names"/> gives the draft's display names (null: the id is shown).</summary>
    public static void Register(ScriptObject globals, TemplateFlavor flavor, Func<string, string?>? names = null)
    {
        globals.Import("user", new Func<object?, object>(id => User(id as string, flavor, names)));
        globals.Import("time", new Func<object?, object>(at => at is DateTimeOffset t ? new TrustedText(flavor == TemplateFlavor.Mrkdwn ? SlackTime.Format(t) : Utc(t)) : ""));
        globals.Import("utc", new Func<object?, object>(at => at is DateTimeOffset t ? new TrustedText(Utc(t)) : ""));
        globals.Import("how_long", new Func<object?, object>(span => span is TimeSpan s ? SlackTime.Duration(s) : ""));
        globals.Import("exactly", new Func<object?, object>(span => span is TimeSpan s ? SlackTime.Exact(s) : ""));
        globals.Import("ping", new Func<object?, object>(id => Ping(id as string, flavor, names)));
        globals.Import("mention", new Func<object?, object>(target => Mention(target as string, flavor, names)));
    }

    /// <summary>How a template names a person who need not act: as text, never a mention.</summary>
    public static object User(string? id, TemplateFlavor flavor, Func<string, string?>? names = null) => string.IsNullOrEmpty(id)
        ? ""
        : new TrustedText(flavor == TemplateFlavor.Mrkdwn ? SlackApi.UserNames.Marker(id) : Markdown.Encode(names?.Invoke(id) ?? id));

    /// <summary>How a template calls on someone who must act: a mention in Slack (an id only), a plain name in the draft.</summary>
    public static object Ping(string? id, TemplateFlavor flavor, Func<string, string?>? names = null) => string.IsNullOrEmpty(id)
        ? ""
        : flavor == TemplateFlavor.Mrkdwn && SlackApi.UserNames.IsEmail(id) ? new TrustedText(SlackApi.UserNames.EmailMarker(id))
        : new TrustedText(flavor == TemplateFlavor.Mrkdwn ? Mrkdwn.User(id) : Markdown.Encode(names?.Invoke(id) ?? id));

    /// <summary>A configured target (trusted: it comes from configuration, never from a person): verbatim in Slack, as people read it in the draft.</summary>
    public static object Mention(string? target, TemplateFlavor flavor, Func<string, string?>? names = null) => target switch
    {
        null or "" => "",
        _ when flavor == TemplateFlavor.Markdown => SlackMarkup.Plain(target, names),
        _ => new TrustedText(target),
    };

    private static readonly MarkdownTextEncoder Markdown = new();

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
