using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>One Web API call the bot made to <see cref="FakeSlackApi"/>, with the answer it got.</summary>
public sealed record SlackCall
{
    /// <summary>1, 2, 3... in arrival order.</summary>
    public int Sequence { get; init; }
    public required string Method { get; init; }
    public required string RawBody { get; init; }
    public required JsonObject Body { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Authorization { get; init; }

    /// <summary>The URL the bot POSTed to (for response_url answers: which command they answer).</summary>
    public string? Url { get; init; }
    public int StatusCode { get; init; }
    public string? ResponseJson { get; init; }

    /// <summary>HTTP 200 with <c>"ok": true</c>: the call had its effect in Slack.</summary>
    public bool Succeeded => StatusCode == 200 && ResponseJson is { } json && JsonNode.Parse(json)?["ok"]?.GetValue<bool>() == true;

    public string? Channel => Str("channel");
    public string? Ts => Str("ts");
    public string? ThreadTs => Str("thread_ts");
    public string? Text => Str("text");
    public string? User => Str("user");
    public string? TriggerId => Str("trigger_id");
    public bool ReplyBroadcast => Body["reply_broadcast"] is JsonValue value && (value.TryGetValue<bool>(out var b) ? b : string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The ts Slack answered with (chat.postMessage, chat.update).</summary>
    public string? ResponseTs => ResponseJson is { } json ? (string?)JsonNode.Parse(json)?["ts"] : null;

    /// <summary>A chat.postMessage outside any thread: what shows as a new message in the channel.</summary>
    public bool IsHeadlinePost => Method == "chat.postMessage" && string.IsNullOrEmpty(ThreadTs);

    /// <summary>
    /// Every string in the body, decoded (JSON escapes like <c>\u003C</c> undone), one per line: what
    /// Slack would read and render. Assertions about text go against this, never the raw bytes.
    /// </summary>
    public string AllText
    {
        get
        {
            var text = new StringBuilder();
            Collect(Body, text);
            return text.ToString();
        }
    }

    /// <summary>True when the call names <paramref name="reference"/> (INC-1 and not INC-10).</summary>
    public bool Mentions(string reference) =>
        Regex.IsMatch(AllText, Regex.Escape(reference) + @"(?![0-9])");

    /// <summary>Every interactive element in the message's blocks (actions blocks and section accessories).</summary>
    public IReadOnlyList<JsonObject> Elements()
    {
        var blocks = Blocks();
        var elements = new List<JsonObject>();
        foreach (var block in blocks)
        {
            if (block["elements"] is JsonArray array && (string?)block["type"] == "actions")
            {
                elements.AddRange(array.OfType<JsonObject>());
            }
            if (block["accessory"] is JsonObject accessory)
            {
                elements.Add(accessory);
            }
        }
        return elements;
    }

    public JsonObject? Element(string actionId) => Elements().FirstOrDefault(e => (string?)e["action_id"] == actionId);

    /// <summary>The blocks (sent as a JSON array, or as a JSON string in a form body).</summary>
    public IReadOnlyList<JsonObject> Blocks() => Body["blocks"] switch
    {
        JsonArray array => array.OfType<JsonObject>().ToArray(),
        JsonValue value when value.TryGetValue<string>(out var json) && JsonNode.Parse(json) is JsonArray parsed => parsed.OfType<JsonObject>().ToArray(),
        _ => [],
    };

    public override string ToString()
    {
        var body = AllText.Replace('\n', ' ');
        if (body.Length > 400)
        {
            body = body[..400] + "…";
        }
        return $"#{Sequence} {At:HH:mm:ss.fff} {Method} -> {StatusCode} {Shorten(ResponseJson)} | channel={Channel} ts={Ts} thread_ts={ThreadTs} broadcast={ReplyBroadcast} | {body}";
    }

    private string? Str(string name) => Body[name] is JsonValue value ? value.ToString() : null;

    private static string? Shorten(string? json) => json is { Length: > 120 } ? json[..120] + "…" : json;

    private static void Collect(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Collect(child, text);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Collect(child, text);
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                // A form-encoded body carries blocks as a JSON string: read inside it too.
                if ((s.StartsWith('[') || s.StartsWith('{')) && TryParse(s) is { } nested)
                {
                    Collect(nested, text);
                }
                else
                {
                    text.Append(s).Append('\n');
                }
                break;
        }
    }

    private static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>An answer the fake gives instead of the default one.</summary>
public sealed record CannedResponse(int StatusCode, string Json, int? RetryAfterSeconds = null)
{
    /// <summary>How long the fake waits before answering: a slow or hanging Slack.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The default answer, but only after <paramref name="delay"/>.</summary>
    public static CannedResponse Slow(JsonObject fields, TimeSpan delay) => Ok(fields) with { Delay = delay };

    public static CannedResponse Ok(JsonObject fields)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields)
        {
            body[key] = value?.DeepClone();
        }
        return new(200, body.ToJsonString());
    }

    /// <summary>HTTP 429 with <c>Retry-After</c>, as Slack rate-limits chat.postMessage.</summary>
    public static CannedResponse RateLimited(int retryAfterSeconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""", retryAfterSeconds);

    /// <summary>An HTTP 5xx from Slack's edge (transient).</summary>
    public static CannedResponse ServerError(int statusCode = 503) =>
        new(statusCode, """{"ok":false,"error":"service_unavailable"}""");

    /// <summary>HTTP 200 with <c>{"ok": false, "error": ...}</c>, how the Web API reports most errors.</summary>
    public static CannedResponse Error(string error) =>
        new(200, new JsonObject { ["ok"] = false, ["error"] = error }.ToJsonString());
}
