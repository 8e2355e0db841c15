using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentBot.Slack;

namespace IncidentBot.SlackApi;

/// <summary>
/// People's display names from <c>users.info</c> (scope <c>users:read</c>), kept in a bounded in-process
/// cache for <see cref="Ttl"/>. Messages name a person who need not act with <see cref="Marker"/>; the
/// outbox replaces markers when it sends (<see cref="ResolveInPlaceAsync"/>), so
/// nothing on the Slack request path or inside a transaction waits for a lookup. A name that cannot be
/// looked up is shown as the plain id, never as a mention.
/// </summary>
public sealed partial class UserNames(IServiceProvider services, TimeProvider time, ILogger<UserNames> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    /// <summary>How long a failed lookup is not tried again (Slack down, user not found).</summary>
    public static readonly TimeSpan FailureTtl = TimeSpan.FromMinutes(5);

    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (string? Name, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Where a message names a person as text: <c>&lt;name:U123&gt;</c>. Escaped user text never holds a
    /// raw <c>&lt;</c>, and a marker only ever becomes escaped text, so a typed one cannot mention anyone.
    /// A user group, which <c>users.info</c> cannot name, and anything that is not an id are plain text.
    /// </summary>
    public static string Marker(string id) =>
        Mrkdwn.IsSlackId(id) && !Mentions.IsUserGroup(id) ? $"<name:{id}>" : Mrkdwn.Escape(id);

    /// <summary>
    /// Where a message calls on someone known only by e-mail (a dbt owner): <c>&lt;email:a@b.c&gt;</c>. The
    /// outbox asks <c>users.lookupByEmail</c> (scope <c>users:read.email</c>, cached like names) and writes a
    /// mention, or the escaped address when Slack knows nobody by it. Only the <c>ping</c> template
    /// function writes it, and only for text that is an e-mail address.
    /// </summary>
    public static string EmailMarker(string email) => IsEmail(email) ? $"<email:{email.Trim()}>" : Mrkdwn.Escape(email);

    public static bool IsEmail(string? text) => text is not null && EmailPattern().IsMatch(text.Trim());

    /// <summary>The Slack user id of <paramref name="email"/> (cached, else asked once); null when Slack knows nobody by it.</summary>
    public async Task<string?> UserByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var key = "email:" + email.ToLowerInvariant();
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Name;
        }
        var client = services.GetRequiredService<SlackWebApiClient>();
        var result = await client.CallFormAsync("users.lookupByEmail", [new("email", email)], cancellationToken);
        var id = result.Ok && result.Body?["user"]?["id"] is JsonValue v && v.TryGetValue<string>(out var found) && Mrkdwn.IsSlackId(found) ? found : null;
        if (id is null)
        {
            logger.LogInformation("users.lookupByEmail gave no user ({Error}); showing the address", result.Error ?? "no id");
        }
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }
        _cache[key] = (id, now + (id is null ? FailureTtl : Ttl));
        return id;
    }

    /// <summary>The cached name of <paramref name="id"/>, without asking Slack.</summary>
    public string? Cached(string id) =>
        _cache.TryGetValue(id, out var entry) && entry.Until > time.GetUtcNow() ? entry.Name : null;

    /// <summary>The display name of <paramref name="id"/> (cached, else asked once); null when Slack cannot say.</summary>
    public async Task<string?> NameAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var entry) && entry.Until > now)
        {
            return entry.Name;
        }
        if (!Mrkdwn.IsSlackId(id) || Mentions.IsUserGroup(id))
        {
            return null;
        }
        var client = services.GetRequiredService<SlackWebApiClient>();
        var result = await client.CallFormAsync("users.info", [new("user", id)], cancellationToken);
        var name = result.Ok ? DisplayName(result.Body?["user"]) : null;
        if (name is null)
        {
            logger.LogInformation("users.info for {User} gave no name ({Error}); showing the id", id, result.Error ?? "no name");
        }
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }
        _cache[id] = (name, now + (name is null ? FailureTtl : Ttl));
        return name;
    }

    /// <summary>Replaces every marker in <paramref name="text"/> by the person's escaped name (or id).</summary>
    public async Task<string?> ResolveAsync(string? text, CancellationToken cancellationToken)
    {
        if (text is null || !HasMarker(text))
        {
            return text;
        }
        if (text.Contains("<email:", StringComparison.Ordinal))
        {
            var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match match in EmailMarkerPattern().Matches(text))
            {
                var email = match.Groups["email"].Value;
                if (!users.ContainsKey(email))
                {
                    users[email] = await UserByEmailAsync(email, cancellationToken) is { } user ? $"<@{user}>" : Mrkdwn.Escape(email);
                }
            }
            text = EmailMarkerPattern().Replace(text, m => users[m.Groups["email"].Value]);
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in MarkerPattern().Matches(text))
        {
            var id = match.Groups["id"].Value;
            if (!names.ContainsKey(id))
            {
                names[id] = Mrkdwn.Escape(await NameAsync(id, cancellationToken) ?? id);
            }
        }
        return MarkerPattern().Replace(text, m => names[m.Groups["id"].Value]);
    }

    /// <summary>Replaces markers in every string of <paramref name="node"/> (a message's blocks), in place.</summary>
    public async Task ResolveInPlaceAsync(JsonNode? node, CancellationToken cancellationToken)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj.ToList())
            {
                if (await ResolvedAsync(child, cancellationToken) is { } resolved)
                {
                    obj[key] = resolved;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (await ResolvedAsync(array[i], cancellationToken) is { } resolved)
                {
                    array[i] = resolved;
                }
            }
        }
    }

    /// <summary>A replacement for a string holding markers; other nodes are resolved in place (null).</summary>
    private async Task<JsonNode?> ResolvedAsync(JsonNode? child, CancellationToken cancellationToken)
    {
        if (child is JsonValue value && value.TryGetValue<string>(out var s))
        {
            return HasMarker(s) ? JsonValue.Create(await ResolveAsync(s, cancellationToken)) : null;
        }
        await ResolveInPlaceAsync(child, cancellationToken);
        return null;
    }

    /// <summary>
    /// For an answer only the asker sees, made on the request path: markers become mentions, which Slack
    /// shows as the person's current name and which notify nobody in an ephemeral message.
    /// </summary>
    public static void MentionsForTheAsker(JsonNode? node)
    {
        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value).ToList(), JsonArray a => a.ToList(), _ => [] })
        {
            if (child is JsonValue value && value.TryGetValue<string>(out var s) && s.Contains("<name:", StringComparison.Ordinal))
            {
                value.ReplaceWith(MarkerPattern().Replace(s, m => $"<@{m.Groups["id"].Value}>"));
            }
            else
            {
                MentionsForTheAsker(child);
            }
        }
    }

    /// <summary>Slack's display name, else the real name, else the handle.</summary>
    private static string? DisplayName(JsonNode? user)
    {
        foreach (var candidate in new[] { user?["profile"]?["display_name"], user?["profile"]?["real_name"], user?["real_name"], user?["name"] })
        {
            if (candidate is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s))
            {
                return s.Trim();
            }
        }
        return null;
    }

    private static bool HasMarker(string text) =>
        text.Contains("<name:", StringComparison.Ordinal) || text.Contains("<email:", StringComparison.Ordinal);

    [GeneratedRegex("<name:(?<id>[A-Z0-9]+)>")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<email:(?<email>[^<>|@\\s]+@[^<>|@\\s]+)>")]
    private static partial Regex EmailMarkerPattern();

    [GeneratedRegex("^[^<>|@\\s&\"]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();
}
