using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>
/// Turns an HTTP answer from the Web API into a <see cref="SlackApiResult"/>: 429 is rate limiting
/// (with Retry-After), 5xx and 408 are transient, other 4xx permanent, and on 200 the body's
/// <c>ok</c>/<c>error</c> decide (see <see cref="SlackErrors"/>). A 200 whose body is not JSON is
/// treated as transient (a proxy or an outage page, not Slack's answer).
/// </summary>
internal static class SlackResponse
{
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    public static SlackApiResult Interpret(HttpResponseMessage response, string content)
    {
        var status = (int)response.StatusCode;
        var json = TryParseObject(content);
        var slackError = ReadString(json, "error");
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return SlackApiResult.Failed(SlackFailureKind.RateLimited, slackError ?? "ratelimited", RetryAfter(response), json, "HTTP 429 Too Many Requests");
        }
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, slackError ?? $"http_{status}", OptionalRetryAfter(response), json, $"HTTP {status} {response.ReasonPhrase}");
        }
        if (status is < 200 or >= 300)
        {
            return SlackApiResult.Failed(SlackFailureKind.Permanent, slackError ?? $"http_{status}", null, json, $"HTTP {status} {response.ReasonPhrase}");
        }
        if (json is null || json["ok"] is not JsonValue okValue || !okValue.TryGetValue<bool>(out var ok))
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, "invalid_response", null, json, $"HTTP {status} with a body that is not a Web API answer");
        }
        if (ok)
        {
            return SlackApiResult.Success(json);
        }
        var error = slackError ?? "unknown_error";
        var failure = SlackErrors.Classify(error);
        TimeSpan? retryAfter = failure == SlackFailureKind.RateLimited ? RetryAfter(response) : null;
        return SlackApiResult.Failed(failure, error, retryAfter, json, Messages(json));
    }

    /// <summary>
    /// A response_url answers like an incoming webhook: 2xx with <c>ok</c> (plain text) or
    /// <c>{"ok":true}</c> on success; an error as a 4xx with a short reason (<c>expired_url</c>,
    /// <c>used_url</c>, <c>invalid_payload</c>...), which no retry will fix; 429 and 5xx as the Web API.
    /// </summary>
    public static SlackApiResult InterpretWebhook(HttpResponseMessage response, string content)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            var json = TryParseObject(content);
            if (json is not null && json["ok"] is JsonValue okValue && okValue.TryGetValue<bool>(out var ok) && !ok)
            {
                var error = ReadString(json, "error") ?? "unknown_error";
                return SlackApiResult.Failed(SlackErrors.Classify(error), error, null, json, null);
            }
            return SlackApiResult.Success(json ?? new JsonObject { ["ok"] = true });
        }
        if (status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
        {
            var reason = content.Trim();
            var error = TryParseObject(content) is { } body ? ReadString(body, "error") : null;
            error ??= reason.Length is > 0 and <= 64 && reason.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? reason : $"http_{status}";
            return SlackApiResult.Failed(SlackFailureKind.Permanent, error, null, null, $"HTTP {status} {response.ReasonPhrase}");
        }
        return Interpret(response, content);
    }

    /// <summary>Retry-After in seconds, default 1 s when missing or garbled, between 1 s and 10 min.</summary>
    public static TimeSpan RetryAfter(HttpResponseMessage response) => OptionalRetryAfter(response) ?? DefaultRetryAfter;

    private static TimeSpan? OptionalRetryAfter(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Retry-After", out var values))
        {
            return null;
        }
        foreach (var value in values)
        {
            if (double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                var delay = TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryAfter.TotalSeconds));
                return delay < DefaultRetryAfter ? DefaultRetryAfter : delay;
            }
        }
        return DefaultRetryAfter;
    }

    private static JsonObject? TryParseObject(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(content) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadString(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Slack explains invalid_blocks and friends in <c>response_metadata.messages</c>; worth logging.</summary>
    private static string? Messages(JsonObject json)
    {
        if (json["response_metadata"] is not JsonObject metadata || metadata["messages"] is not JsonArray messages)
        {
            return null;
        }
        var lines = messages.OfType<JsonValue>().Select(m => m.TryGetValue<string>(out var s) ? s : null).Where(s => s is not null);
        var joined = string.Join("; ", lines);
        return joined.Length == 0 ? null : joined;
    }
}
