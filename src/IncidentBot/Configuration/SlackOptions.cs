using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Configuration;

/// <summary>The <c>Slack</c> section. Secrets are never logged; <see cref="ToString"/> hides them.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>The longest one Web API call may take before it counts as a (transient) failure.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Signs every request Slack sends us. Without it the Slack endpoints answer 503.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>xoxb- token for the Web API. Without it messages stay queued until it is set.</summary>
    public string? BotToken { get; set; }

    /// <summary>xapp- app-level token (connections:write): when set the bot runs in Socket Mode, connecting out to Slack.</summary>
    public string? AppToken { get; set; }

    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Optional allow-list: a workspace (<c>T...</c>) or Enterprise Grid organisation (<c>E...</c>); requests for any other installation are refused.</summary>
    public string? TeamId { get; set; }

    /// <summary>Optional: the app's id (<c>A...</c>); requests carrying another api_app_id are refused.</summary>
    public string? AppId { get; set; }

    /// <summary>Largest request body accepted on /slack/* (Slack's own payloads are a few KiB).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 512 * 1024;

    /// <summary>Posts into one channel per second, across all replicas (Slack allows about one).</summary>
    [Range(0.01, 10_000)]
    public double PostsPerSecondPerChannel { get; set; } = 1;

    /// <summary>Posts a quiet channel may take at once before the pace applies.</summary>
    [Range(1, 10_000)]
    public int PostBurstPerChannel { get; set; } = 5;

    public bool HasSigningSecret => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool HasAppToken => !string.IsNullOrWhiteSpace(AppToken);

    public bool HasBotToken => !string.IsNullOrWhiteSpace(BotToken);

    public Uri ApiBaseUri => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);

    public override string ToString() =>
        $"Slack(ApiBaseUrl={ApiBaseUrl}, SigningSecret={(HasSigningSecret ? "set" : "missing")}, BotToken={(HasBotToken ? "set" : "missing")}, AppToken={(HasAppToken ? "set (Socket Mode)" : "not set")}, TeamId={TeamId ?? "any"})";
}
