using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for https://slack.com/api/: a real Kestrel server on 127.0.0.1 (a random port) that
/// answers <c>POST /api/{method}</c> the way Slack does and records every call. Tests script failures
/// per method (429 with Retry-After, 5xx, <c>{"ok":false}</c>) and wait for calls by polling, never
/// by sleeping. On a timeout the failure message lists every call the bot made.
/// </summary>
public sealed partial class FakeSlackApi : IAsyncDisposable
{
    /// <summary>The channel id the fake answers with, as Slack answers a post to <c>#data-incidents</c> with its id.</summary>
    public const string IncidentsChannelId = "C0INCIDENTS";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly List<SlackCall> _calls = [];
    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, List<Script>> _scripts = new(StringComparer.Ordinal);
    private readonly long _startedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private long _nextTs;

    private FakeSlackApi(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Base URL for <c>Slack:ApiBaseUrl</c>, e.g. <c>http://127.0.0.1:41234/api/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackApi(app);
        app.MapPost("/api/{method}", (string method, HttpContext context) => fake.HandleAsync(method, context));
        // Slack's response_url webhooks (hooks.slack.com/commands/...), recorded as method "response_url".
        app.MapPost("/hooks/{**rest}", (HttpContext context) => fake.HandleAsync(ResponseUrlMethod, context));
        await app.StartAsync();
        var address = app.Urls.Single();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        fake.HooksBaseUrl = new Uri(address.TrimEnd('/') + "/hooks/");
        return fake;
    }

    /// <summary>The method name under which POSTs to a response_url are recorded and scripted.</summary>
    public const string ResponseUrlMethod = "response_url";

    /// <summary>Where the fake serves response_urls, e.g. <c>http://127.0.0.1:41234/hooks/</c>: the bot trusts response_urls on its Web API host.</summary>
    public Uri HooksBaseUrl { get; private set; } = null!;

    /// <summary>Answers POSTed to <paramref name="responseUrl"/>, in order.</summary>
    public IReadOnlyList<SlackCall> AnswersTo(string responseUrl) =>
        Calls.Where(c => c.Method == ResponseUrlMethod && c.Url == responseUrl).ToArray();

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<SlackCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    public IReadOnlyList<SlackCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToArray();

    /// <summary>Successful <c>chat.postMessage</c> calls outside any thread: headlines as they appear in the channel.</summary>
    public IReadOnlyList<SlackCall> Headlines => Calls.Where(c => c.IsHeadlinePost && c.Succeeded).ToArray();

    /// <summary>The next call to <paramref name="method"/> (whose body matches <paramref name="when"/>, if given) gets this answer instead of the default.</summary>
    public void Enqueue(string method, CannedResponse response, Func<SlackCall, bool>? when = null) =>
        AddScript(method, new Script(response, when, Persistent: false));

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> get this answer.</summary>
    public void Enqueue(string method, CannedResponse response, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Enqueue(method, response);
        }
    }

    /// <summary>Every call to <paramref name="method"/> gets this answer until <see cref="Heal"/>.</summary>
    public void FailAlways(string method, CannedResponse response) =>
        AddScript(method, new Script(response, null, Persistent: true));

    /// <summary>Drops every scripted answer: Slack is healthy again.</summary>
    public void Heal() => _scripts.Clear();

    /// <summary>
    /// Polls until <paramref name="condition"/> holds for the calls so far and returns them; on
    /// timeout fails with <paramref name="what"/> and a dump of every call.
    /// </summary>
    public async Task<IReadOnlyList<SlackCall>> WaitForAsync(Func<IReadOnlyList<SlackCall>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var calls = Calls;
            if (condition(calls))
            {
                return calls;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting for {what}.\n{Dump(calls)}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the first call that matches <paramref name="match"/> and returns it.</summary>
    public async Task<SlackCall> WaitForCallAsync(Func<SlackCall, bool> match, string what, TimeSpan? timeout = null) =>
        (await WaitForAsync(calls => calls.Any(match), what, timeout)).First(match);

    /// <summary>Waits for the successful headline post of <paramref name="reference"/> (e.g. INC-1).</summary>
    public Task<SlackCall> WaitForHeadlineAsync(string reference, TimeSpan? timeout = null) =>
        WaitForCallAsync(c => c.IsHeadlinePost && c.Succeeded && c.Mentions(reference), $"the headline of {reference} (chat.postMessage without thread_ts)", timeout);

    public string Dump() => Dump(Calls);

    public static string Dump(IReadOnlyList<SlackCall> calls)
    {
        var text = new StringBuilder($"Slack calls so far ({calls.Count}):");
        foreach (var call in calls)
        {
            text.Append('\n').Append(call);
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void AddScript(string method, Script script) =>
        _scripts.AddOrUpdate(method, _ => [script], (_, list) =>
        {
            lock (list)
            {
                list.Add(script);
            }
            return list;
        });

    private async Task HandleAsync(string method, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        var body = ParseBody(raw, context.Request.ContentType);
        var call = new SlackCall
        {
            Method = method,
            RawBody = raw,
            Body = body,
            At = DateTimeOffset.UtcNow,
            Authorization = context.Request.Headers.Authorization.ToString(),
            Url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}",
        };

        var response = TakeScript(method, call) ?? EnforcePace(method, body) ?? DefaultResponse(method, body);
        lock (_lock)
        {
            // Joining, lookups and history reads are not messages; kept apart so tests count messages.
            var list = SilentMethods.Contains(method) ? _silentCalls : _calls;
            list.Add(call with { Sequence = list.Count + 1, StatusCode = response.StatusCode, ResponseJson = response.Json });
        }
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The bot gave up waiting, as it should.
            }
        }
        context.Response.StatusCode = response.StatusCode;
        if (response.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(response.Json);
    }

    private CannedResponse? TakeScript(string method, SlackCall call)
    {
        if (!_scripts.TryGetValue(method, out var list))
        {
            return null;
        }
        lock (list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var script = list[i];
                if (script.When is null || script.When(call))
                {
                    if (!script.Persistent)
                    {
                        list.RemoveAt(i);
                    }
                    return script.Response;
                }
            }
        }
        return null;
    }

    private CannedResponse DefaultResponse(string method, JsonObject body)
    {
        var channel = (string?)body["channel"] is { } requested && !requested.StartsWith('#') ? requested : IncidentsChannelId;
        return method switch
        {
            "chat.postMessage" => Post(channel, body),
            "chat.update" => CannedResponse.Ok(new JsonObject { ["channel"] = channel, ["ts"] = (string?)body["ts"], ["text"] = (string?)body["text"] }),
            "chat.postEphemeral" => CannedResponse.Ok(new JsonObject { ["message_ts"] = NextTs() }),
            "views.open" => CannedResponse.Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = "V1" } }),
            "conversations.history" or "conversations.replies" => History(method, body),
            "conversations.list" => CannedResponse.Ok(new JsonObject { ["channels"] = new JsonArray(new JsonObject { ["id"] = IncidentsChannelId, ["name"] = BotSettings.Channel.TrimStart('#'), ["is_member"] = false }) }),
            "conversations.join" or "conversations.info" => CannedResponse.Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = channel, ["is_member"] = true } }),
            "users.info" => UserInfo(body),
            "users.lookupByEmail" => UserByEmail(body),
            "chat.getPermalink" => CannedResponse.Ok(new JsonObject { ["channel"] = channel, ["permalink"] = $"https://example.slack.com/archives/{channel}/p{((string?)body["message_ts"])?.Replace(".", "", StringComparison.Ordinal)}" }),
            _ => CannedResponse.Ok(new JsonObject()),
        };
    }

    /// <summary>Slack-like message timestamps from the fake's start: unique and increasing, "1765100000.000100", "1765100000.000200"...</summary>
    private string NextTs()
    {
        var n = Interlocked.Increment(ref _nextTs);
        return string.Create(CultureInfo.InvariantCulture, $"{_startedAt + n / 10_000}.{n % 10_000 * 100:D6}");
    }

    /// <summary>JSON bodies as they are; form bodies (Slack accepts both) as an object whose JSON-looking fields are parsed.</summary>
    private static JsonObject ParseBody(string raw, string? contentType)
    {
        if (contentType?.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = new JsonObject();
            foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                form[key] = value.StartsWith('[') || value.StartsWith('{') ? TryParse(value) ?? value : value;
            }
            return form;
        }
        return TryParse(raw) as JsonObject ?? new JsonObject { ["_unparsed"] = raw };
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

    private sealed record Script(CannedResponse Response, Func<SlackCall, bool>? When, bool Persistent);
}
