namespace IncidentBot.Slack;

/// <summary>
/// Classifies Slack's <c>{"ok": false, "error": ...}</c> codes. Only a short list is worth retrying;
/// everything else (channel_not_found, not_in_channel, invalid_auth, invalid_blocks, msg_too_long...)
/// will fail the same way again.
/// </summary>
public static class SlackErrors
{
    private static readonly HashSet<string> RateLimited = new(StringComparer.Ordinal) { "ratelimited", "rate_limited" };

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "team_added_to_org",
    };

    public static SlackFailureKind Classify(string? error) =>
        error is null ? SlackFailureKind.Permanent
        : RateLimited.Contains(error) ? SlackFailureKind.RateLimited
        : Transient.Contains(error) ? SlackFailureKind.Transient
        : SlackFailureKind.Permanent;
}
