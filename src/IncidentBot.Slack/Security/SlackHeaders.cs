namespace IncidentBot.Slack;

/// <summary>HTTP headers Slack sends with every request to the app.</summary>
public static class SlackHeaders
{
    /// <summary>Unix seconds when Slack signed the request; part of the signed base string.</summary>
    public const string Timestamp = "X-Slack-Request-Timestamp";

    /// <summary><c>v0=</c> followed by the lower-case hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c>.</summary>
    public const string Signature = "X-Slack-Signature";

    /// <summary>Events API redelivery count (1..3); absent on the first delivery.</summary>
    public const string RetryNum = "X-Slack-Retry-Num";

    /// <summary>Why Slack redelivered an event, e.g. <c>http_timeout</c>.</summary>
    public const string RetryReason = "X-Slack-Retry-Reason";
}
