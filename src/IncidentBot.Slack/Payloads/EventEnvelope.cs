using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace IncidentBot.Slack;

/// <summary>
/// An Events API request body: url_verification (answer with <see cref="Challenge"/>) or
/// event_callback (deduplicate by <see cref="EventId"/>: Slack redelivers up to 3 times).
/// </summary>
public sealed record EventEnvelope
{
    /// <summary>url_verification, event_callback, app_rate_limited.</summary>
    public string? Type { get; init; }
    public string? Challenge { get; init; }

    /// <summary>The deprecated verification token; requests are authenticated by signature, never by this.</summary>
    public string? Token { get; init; }
    public string? TeamId { get; init; }
    public string? ApiAppId { get; init; }

    /// <summary>The Enterprise Grid organisation the event came through, if any.</summary>
    public string? EnterpriseId { get; init; }

    /// <summary>The installations the event is delivered for (<c>authorizations[].team_id</c> and <c>.enterprise_id</c>): on Enterprise Grid and in shared channels these, not the sender's team_id, are the app's own.</summary>
    public IReadOnlyList<string> AuthorizedIds { get; init; } = [];
    public string? EventId { get; init; }

    /// <summary>Unix seconds when the event happened.</summary>
    public long? EventTime { get; init; }
    public SlackEvent? Event { get; init; }

    /// <summary>The envelope, or null when the body is not a JSON object.</summary>
    public static EventEnvelope? Parse(string? json) => TryParse(json, out var envelope, out _) ? envelope : null;

    public static bool TryParse(string? json, [NotNullWhen(true)] out EventEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        envelope = null;
        if (!JsonRead.TryParseObject(json, out var document, out error))
        {
            return false;
        }
        using (document)
        {
            envelope = From(document.RootElement);
        }
        return true;
    }

    /// <summary>Reads the decoded JSON object (for example a Socket Mode envelope's <c>payload</c>).</summary>
    public static EventEnvelope From(JsonElement root) => new()
    {
        Type = JsonRead.String(root, "type"),
        Challenge = JsonRead.String(root, "challenge"),
        Token = JsonRead.String(root, "token"),
        TeamId = JsonRead.String(root, "team_id"),
        ApiAppId = JsonRead.String(root, "api_app_id"),
        EnterpriseId = JsonRead.String(root, "enterprise_id"),
        AuthorizedIds = JsonRead.Array(root, "authorizations")
            .SelectMany(a => (string?[])[JsonRead.String(a, "team_id"), JsonRead.String(a, "enterprise_id")])
            .OfType<string>().ToArray(),
        EventId = JsonRead.String(root, "event_id"),
        EventTime = JsonRead.Int64(root, "event_time"),
        Event = JsonRead.Object(root, "event") is { } e ? ReadEvent(e) : null,
    };

    private static SlackEvent ReadEvent(JsonElement e) => new()
    {
        Type = JsonRead.String(e, "type"),
        Subtype = JsonRead.String(e, "subtype"),
        User = JsonRead.String(e, "user"),
        BotId = JsonRead.String(e, "bot_id"),
        AppId = JsonRead.String(e, "app_id"),
        Reaction = JsonRead.String(e, "reaction"),
        ItemChannel = JsonRead.String(e, "item", "channel"),
        ItemTs = JsonRead.String(e, "item", "ts"),
        Channel = JsonRead.String(e, "channel"),
        Ts = JsonRead.String(e, "ts"),
        ThreadTs = JsonRead.String(e, "thread_ts"),
        EventTs = JsonRead.String(e, "event_ts"),
        Text = JsonRead.String(e, "text"),
    };
}
