using System.Globalization;
using System.Text.Json.Nodes;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The fake's channels: what was posted (with metadata, served back by conversations.history and
/// conversations.replies as Slack does with <c>include_all_metadata</c>), and, when a test asks for it,
/// Slack's per-channel rule for chat.postMessage: about one post per second, short bursts tolerated, 429 beyond.
/// </summary>
public sealed partial class FakeSlackApi
{
    /// <summary>Methods that show nothing to anyone: joining the channel, looking it up, reading history, asking for a permalink.</summary>
    private static readonly HashSet<string> SilentMethods = ["conversations.join", "conversations.list", "conversations.info", "conversations.history", "conversations.replies", "chat.getPermalink", "users.info", "users.lookupByEmail"];
    private readonly List<SlackCall> _silentCalls = [];
    private readonly List<PostedMessage> _posted = [];
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);
    private (double PerSecond, int Burst)? _pace;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);

    /// <summary><c>users.info</c> answers <paramref name="id"/> with this display name; unknown users get <c>user_not_found</c>.</summary>
    public void AddUser(string id, string displayName) => _users[id] = displayName;

    private CannedResponse UserInfo(JsonObject body) =>
        (string?)body["user"] is { } id && _users.TryGetValue(id, out var name)
            ? CannedResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = id, ["name"] = name.ToLowerInvariant(), ["profile"] = new JsonObject { ["display_name"] = name, ["real_name"] = name + " Real" } } })
            : CannedResponse.Error("user_not_found");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _emails = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>users.lookupByEmail</c> answers <paramref name="email"/> with user <paramref name="id"/>; other addresses get <c>users_not_found</c>.</summary>
    public void AddEmail(string email, string id) => _emails[email] = id;

    private CannedResponse UserByEmail(JsonObject body) =>
        (string?)body["email"] is { } email && _emails.TryGetValue(email, out var id)
            ? CannedResponse.Ok(new JsonObject { ["user"] = new JsonObject { ["id"] = id } })
            : CannedResponse.Error("users_not_found");

    /// <summary>Every post Slack accepted, whether or not the bot heard the answer (a killed bot does not).</summary>
    public IReadOnlyList<PostedMessage> Posted
    {
        get
        {
            lock (_lock)
            {
                return _posted.ToArray();
            }
        }
    }

    /// <summary>Calls that show nothing in Slack (<see cref="SilentMethods"/>), kept out of <see cref="Calls"/> so tests count messages.</summary>
    public IReadOnlyList<SlackCall> SilentCalls
    {
        get
        {
            lock (_lock)
            {
                return _silentCalls.ToArray();
            }
        }
    }

    /// <summary>From now on chat.postMessage beyond <paramref name="perSecond"/> per channel (after a burst of <paramref name="burst"/>) gets 429.</summary>
    public void EnforcePacePerChannel(double perSecond, int burst)
    {
        lock (_lock)
        {
            _pace = (perSecond, burst);
        }
    }

    /// <summary>How long chat.postMessage takes to answer (the post is accepted when it arrives).</summary>
    public TimeSpan PostDelay { get; set; }

    private static string ChannelId(JsonObject body) =>
        (string?)body["channel"] is { } requested && !requested.StartsWith('#') ? requested : IncidentsChannelId;

    private CannedResponse? EnforcePace(string method, JsonObject body)
    {
        if (method != "chat.postMessage")
        {
            return null;
        }
        lock (_lock)
        {
            if (_pace is not { } pace)
            {
                return null;
            }
            var channel = ChannelId(body);
            var now = DateTimeOffset.UtcNow;
            var (tokens, at) = _buckets.TryGetValue(channel, out var bucket) ? bucket : (pace.Burst, now);
            tokens = Math.Min(pace.Burst, tokens + (now - at).TotalSeconds * pace.PerSecond);
            if (tokens < 1)
            {
                _buckets[channel] = (tokens, now);
                return CannedResponse.RateLimited(1);
            }
            _buckets[channel] = (tokens - 1, now);
            return null;
        }
    }

    private CannedResponse Post(string channel, JsonObject body)
    {
        var ts = NextTs();
        lock (_lock)
        {
            _posted.Add(new PostedMessage(channel, ts, (string?)body["thread_ts"], (string?)body["text"] ?? "", body["metadata"]?.DeepClone() as JsonObject));
        }
        return CannedResponse.Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = new JsonObject() }) with { Delay = PostDelay };
    }

    private CannedResponse History(string method, JsonObject body)
    {
        var channel = ChannelId(body);
        var thread = method == "conversations.replies" ? (string?)body["ts"] : null;
        var oldest = double.TryParse((string?)body["oldest"], NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var withMetadata = (string?)body["include_all_metadata"] == "true";
        var messages = new JsonArray();
        foreach (var post in Posted.Where(p => p.Channel == channel && (thread is null ? p.ThreadTs is null : p.ThreadTs == thread || p.Ts == thread))
                     .Where(p => double.Parse(p.Ts, CultureInfo.InvariantCulture) >= oldest)
                     .Reverse())
        {
            var message = new JsonObject { ["type"] = "message", ["ts"] = post.Ts, ["text"] = post.Text, ["bot_id"] = "B0INCIDENTBOT" };
            if (withMetadata && post.Metadata is not null)
            {
                message["metadata"] = post.Metadata.DeepClone();
            }
            messages.Add(message);
        }
        return CannedResponse.Ok(new JsonObject { ["messages"] = messages, ["has_more"] = false });
    }
}

/// <summary>A message the fake accepted into a channel.</summary>
public sealed record PostedMessage(string Channel, string Ts, string? ThreadTs, string Text, JsonObject? Metadata)
{
    /// <summary>The dedup key the bot put into the message's metadata.</summary>
    public string? Key => (string?)Metadata?["event_payload"]?["key"];
}
