using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>
/// The outcome of one Web API call. <see cref="Error"/> is Slack's error code (<c>channel_not_found</c>)
/// or ours for failures Slack never answered (<c>http_503</c>, <c>timeout</c>, <c>request_failed</c>,
/// <c>invalid_response</c>); <see cref="Detail"/> adds a human sentence for logs. Neither ever holds the token.
/// </summary>
public sealed record SlackApiResult(
    bool Ok,
    string? Error,
    SlackFailureKind Failure,
    TimeSpan? RetryAfter,
    string? Ts,
    string? Channel,
    JsonObject? Body)
{
    /// <summary>More about a failure, for logs (exception message, HTTP status text); null on success.</summary>
    public string? Detail { get; init; }

    public bool IsRetryable => Failure is SlackFailureKind.RateLimited or SlackFailureKind.Transient;

    public static SlackApiResult Success(JsonObject body) =>
        new(true, null, SlackFailureKind.None, null, ReadString(body, "ts"), ReadString(body, "channel"), body);

    public static SlackApiResult Failed(SlackFailureKind failure, string error, TimeSpan? retryAfter = null, JsonObject? body = null, string? detail = null) =>
        new(false, error, failure, retryAfter, null, null, body) { Detail = detail };

    private static string? ReadString(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
