using System.Net;
using System.Text.Json.Nodes;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>The bot's HTTP answer to a Slack request, and how long it took: what Slack (and the person) gets back.</summary>
public sealed record SlackReply(HttpStatusCode Status, string Body, string? ContentType, TimeSpan Elapsed)
{
    /// <summary>
    /// True when the HTTP answer was an empty acknowledgement and <see cref="Body"/> is what the bot
    /// POSTed to the request's response_url afterwards (a change is applied after Slack is answered).
    /// <see cref="Elapsed"/> is still the time to the HTTP answer.
    /// </summary>
    public bool Deferred { get; init; }

    public JsonObject? Json => Body.TrimStart().StartsWith('{') ? JsonNode.Parse(Body) as JsonObject : null;

    /// <summary><c>ephemeral</c> for a reply only the person sees.</summary>
    public string? ResponseType => (string?)Json?["response_type"];

    /// <summary>The reply's text, or "" for an empty acknowledgement.</summary>
    public string Text => (string?)Json?["text"] ?? "";

    /// <summary>The text plus every string in the reply's blocks.</summary>
    public string AllText => Json is { } json ? string.Join("\n", Strings(json)) : Body;

    public override string ToString() => $"HTTP {(int)Status} in {Elapsed.TotalMilliseconds:0} ms{(Deferred ? ", then via response_url" : "")}: {(Body.Length > 600 ? Body[..600] + "…" : Body)}";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
