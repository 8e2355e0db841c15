using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentBot.Slack;

/// <summary>
/// A small Slack Web API client: POSTs JSON with the bot token as a Bearer header to
/// <c>{BaseAddress}{method}</c> (BaseAddress <c>https://slack.com/api/</c>, or a fake in tests).
/// It never throws for a failure on Slack's side or the network: every outcome is a
/// <see cref="SlackApiResult"/> saying whether to retry. It only rethrows
/// <see cref="OperationCanceledException"/> when the caller's token was cancelled.
/// The token never appears in a result, an exception message or <see cref="ToString"/>.
/// </summary>
public sealed class SlackWebApiClient
{
    public static readonly Uri DefaultBaseAddress = new("https://slack.com/api/");

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue FormContentType = new("application/x-www-form-urlencoded");

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Not for HTML: keeps <, >, & and non-ASCII readable in the request (and in fake-server assertions).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly HttpClient _http;
    private readonly string _token;

    public SlackWebApiClient(HttpClient http, string botToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _token = botToken ?? "";
    }

    /// <summary>
    /// chat.postMessage; link and media previews are off. <paramref name="replyBroadcast"/> applies to thread
    /// replies. <paramref name="metadata"/> (<c>event_type</c>, <c>event_payload</c>) travels with the message
    /// and can be read back from the channel's history.
    /// </summary>
    public Task<SlackApiResult> PostMessageAsync(string channel, string text, JsonArray? blocks = null, string? threadTs = null, bool replyBroadcast = false, CancellationToken ct = default, JsonObject? metadata = null) =>
        SendAsync("chat.postMessage", w =>
        {
            WriteNode(w, "metadata", metadata);
            w.WriteString("channel", channel);
            w.WriteString("text", text);
            WriteNode(w, "blocks", blocks);
            if (threadTs is not null)
            {
                w.WriteString("thread_ts", threadTs);
                w.WriteBoolean("reply_broadcast", replyBroadcast);
            }
            w.WriteBoolean("unfurl_links", false);
            w.WriteBoolean("unfurl_media", false);
        }, ct);

    /// <summary>chat.update. Null <paramref name="blocks"/> leaves the message's blocks as they are; an empty array removes them.</summary>
    public Task<SlackApiResult> UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken ct = default) =>
        SendAsync("chat.update", w =>
        {
            w.WriteString("channel", channel);
            w.WriteString("ts", ts);
            w.WriteString("text", text);
            WriteNode(w, "blocks", blocks);
        }, ct);

    /// <summary>chat.postEphemeral: only <paramref name="user"/> sees it, and only while they are in <paramref name="channel"/>.</summary>
    public Task<SlackApiResult> PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks = null, CancellationToken ct = default) =>
        SendAsync("chat.postEphemeral", w =>
        {
            w.WriteString("channel", channel);
            w.WriteString("user", user);
            w.WriteString("text", text);
            WriteNode(w, "blocks", blocks);
        }, ct);

    /// <summary>views.open. The trigger_id is valid for 3 s and once, so call this first on the request path.</summary>
    public Task<SlackApiResult> OpenViewAsync(string triggerId, JsonObject view, CancellationToken ct = default) =>
        SendAsync("views.open", w =>
        {
            w.WriteString("trigger_id", triggerId);
            WriteNode(w, "view", view);
        }, ct);

    /// <summary>
    /// Answers a slash command or interaction through its <c>response_url</c> (valid 30 minutes, five
    /// times), as an ephemeral message. The URL carries its own authority, so no token is sent; it must
    /// be one Slack handed out (<see cref="ResponseUrls.IsTrusted"/>).
    /// </summary>
    public async Task<SlackApiResult> RespondAsync(Uri responseUrl, string text, JsonArray? blocks = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!ResponseUrls.IsTrusted(responseUrl, _http.BaseAddress ?? DefaultBaseAddress))
        {
            return SlackApiResult.Failed(SlackFailureKind.Permanent, "untrusted_response_url", detail: "A response_url must be on hooks.slack.com (or on the configured Web API host).");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl);
        request.Content = new ByteArrayContent(Serialize(w =>
        {
            w.WriteString("response_type", "ephemeral");
            w.WriteBoolean("replace_original", false);
            w.WriteString("text", text);
            WriteNode(w, "blocks", blocks);
        }));
        request.Content.Headers.ContentType = JsonContentType;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var content = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return SlackResponse.InterpretWebhook(response, content);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, "timeout", detail: $"response_url timed out: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, "request_failed", detail: $"response_url failed: {e.Message}");
        }
    }

    /// <summary>Any other Web API method taking JSON arguments (reactions.add, views.update...).</summary>
    public Task<SlackApiResult> CallAsync(string method, JsonObject arguments, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return SendAsync(method, w =>
        {
            foreach (var (name, value) in arguments)
            {
                WriteNode(w, name, value, writeNull: true);
            }
        }, ct);
    }

    /// <summary>A Web API method with form arguments: read methods such as conversations.history take no JSON body.</summary>
    public Task<SlackApiResult> CallFormAsync(string method, IEnumerable<KeyValuePair<string, string>> arguments, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var form = string.Join('&', arguments.Select(a => Uri.EscapeDataString(a.Key) + "=" + Uri.EscapeDataString(a.Value)));
        return SendAsync(method, System.Text.Encoding.UTF8.GetBytes(form), FormContentType, ct);
    }

    public override string ToString() => $"{nameof(SlackWebApiClient)}({Endpoint("").AbsoluteUri})";

    private Task<SlackApiResult> SendAsync(string method, Action<Utf8JsonWriter> writeArguments, CancellationToken ct) =>
        SendAsync(method, Serialize(writeArguments), JsonContentType, ct);

    private async Task<SlackApiResult> SendAsync(string method, byte[] body, MediaTypeHeaderValue contentType, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        if (_token.Length == 0)
        {
            // What Slack answers to a call without a token; no need to ask.
            return SlackApiResult.Failed(SlackFailureKind.Permanent, "not_authed", detail: "No bot token is configured.");
        }
        if (!BearerToken.IsWellFormed(_token))
        {
            // Sending it could put the token into a header-format exception message; Slack would refuse it anyway.
            return SlackApiResult.Failed(SlackFailureKind.Permanent, "invalid_auth", detail: "The bot token contains characters not allowed in an HTTP header.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(method));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = contentType;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var content = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return SlackResponse.Interpret(response, content);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, "timeout", detail: Redact($"{method} timed out: {e.Message}"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return SlackApiResult.Failed(SlackFailureKind.Transient, "request_failed", detail: Redact($"{method} failed: {e.Message}"));
        }
    }

    private Uri Endpoint(string method)
    {
        var root = (_http.BaseAddress ?? DefaultBaseAddress).AbsoluteUri;
        // Without the trailing slash, "https://slack.com/api" + "chat.postMessage" would resolve to /chat.postMessage.
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), method);
    }

    private string Redact(string message) =>
        _token.Length == 0 ? message : message.Replace(_token, "[token]", StringComparison.Ordinal);

    private static byte[] Serialize(Action<Utf8JsonWriter> writeArguments)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeArguments(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a node without attaching it to a new parent, so the caller may reuse it.</summary>
    private static void WriteNode(Utf8JsonWriter writer, string name, JsonNode? node, bool writeNull = false)
    {
        if (node is null)
        {
            if (writeNull)
            {
                writer.WriteNull(name);
            }
            return;
        }
        writer.WritePropertyName(name);
        node.WriteTo(writer);
    }
}
