using System.Diagnostics.CodeAnalysis;

namespace IncidentBot.Slack;

/// <summary>
/// A slash command as Slack POSTs it (<c>application/x-www-form-urlencoded</c>). Every field is null
/// when Slack did not send it. <see cref="SslCheck"/> marks Slack's certificate probe
/// (<c>ssl_check=1</c>), which carries no command and must just get a 200.
/// </summary>
public sealed record SlashCommand
{
    public string? TeamId { get; init; }
    public string? ChannelId { get; init; }
    public string? ChannelName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }

    /// <summary>The command with its slash, e.g. <c>/incident</c>.</summary>
    public string? Command { get; init; }

    /// <summary>Everything after the command, as typed (Slack sends <c>text=</c> even when empty).</summary>
    public string? Text { get; init; }

    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
    public bool SslCheck { get; init; }

    public string? TeamDomain { get; init; }
    public string? EnterpriseId { get; init; }
    public string? ApiAppId { get; init; }

    /// <summary>The command, or null when the body is empty, not a form, or neither a command nor an SSL check.</summary>
    public static SlashCommand? Parse(string? formBody) => TryParse(formBody, out var command, out _) ? command : null;

    public static bool TryParse(string? formBody, [NotNullWhen(true)] out SlashCommand? command, [NotNullWhen(false)] out string? error)
    {
        command = null;
        var form = FormBody.Parse(formBody);
        if (form is null)
        {
            error = "The body is empty or not form-encoded.";
            return false;
        }
        var sslCheck = FormBody.Get(form, "ssl_check") == "1";
        var name = FormBody.Get(form, "command");
        if (string.IsNullOrEmpty(name) && !sslCheck)
        {
            error = "The form has no 'command' field.";
            return false;
        }
        command = new SlashCommand
        {
            TeamId = FormBody.Get(form, "team_id"),
            ChannelId = FormBody.Get(form, "channel_id"),
            ChannelName = FormBody.Get(form, "channel_name"),
            UserId = FormBody.Get(form, "user_id"),
            UserName = FormBody.Get(form, "user_name"),
            Command = name,
            Text = FormBody.Get(form, "text"),
            ResponseUrl = FormBody.Get(form, "response_url"),
            TriggerId = FormBody.Get(form, "trigger_id"),
            SslCheck = sslCheck,
            TeamDomain = FormBody.Get(form, "team_domain"),
            EnterpriseId = FormBody.Get(form, "enterprise_id"),
            ApiAppId = FormBody.Get(form, "api_app_id"),
        };
        error = null;
        return true;
    }
}
