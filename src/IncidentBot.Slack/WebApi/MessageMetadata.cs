using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>
/// Exactly-once posting: every post carries Slack message <c>metadata</c> naming its dedup key, and a
/// post whose earlier attempt may have reached Slack is first looked for in the channel's (or the
/// thread's) recent history, read with <c>include_all_metadata</c>; a hit is adopted instead of posting again.
/// </summary>
public static class MessageMetadata
{
    public const string EventType = "incidentbot_message";

    /// <summary>Pages of history read before concluding the message is not there.</summary>
    public const int MaxPages = 5;

    /// <summary>The <c>metadata</c> argument of chat.postMessage for <paramref name="key"/>.</summary>
    public static JsonObject For(string key) => new()
    {
        ["event_type"] = EventType,
        ["event_payload"] = new JsonObject { ["key"] = key },
    };

    /// <summary>
    /// Looks for the bot's message with <paramref name="key"/> posted since <paramref name="since"/> in
    /// <paramref name="channelId"/> (or in the thread <paramref name="threadTs"/>). Returns its ts, null when
    /// it is not there, or the failed lookup (the caller decides whether to post anyway).
    /// </summary>
    public static async Task<(string? Ts, SlackApiResult? Failure)> FindAsync(
        SlackWebApiClient client, string channelId, string? threadTs, string key, DateTimeOffset since, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var oldest = (since.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000000", CultureInfo.InvariantCulture);
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var arguments = new List<KeyValuePair<string, string>>
            {
                new("channel", channelId),
                new("oldest", oldest),
                new("limit", "200"),
                new("include_all_metadata", "true"),
            };
            if (threadTs is not null)
            {
                arguments.Add(new("ts", threadTs));
            }
            if (cursor is not null)
            {
                arguments.Add(new("cursor", cursor));
            }
            var result = await client.CallFormAsync(threadTs is null ? "conversations.history" : "conversations.replies", arguments, ct).ConfigureAwait(false);
            if (!result.Ok)
            {
                return (null, result);
            }
            if (result.Body?["messages"] is JsonArray messages)
            {
                foreach (var message in messages.OfType<JsonObject>())
                {
                    if (message["metadata"] is JsonObject metadata && (string?)metadata["event_type"] == EventType
                        && metadata["event_payload"] is JsonObject payload && (string?)payload["key"] == key && (string?)message["ts"] is { } ts)
                    {
                        return (ts, null);
                    }
                }
            }
            cursor = result.Body?["response_metadata"]?["next_cursor"] is JsonValue next && next.TryGetValue<string>(out var c) && c.Length > 0 ? c : null;
            if (cursor is null)
            {
                break;
            }
        }
        return (null, null);
    }
}
