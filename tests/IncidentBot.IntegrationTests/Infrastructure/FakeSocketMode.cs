using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for Slack's Socket Mode endpoint: a WebSocket server on 127.0.0.1 that greets each
/// connection with <c>hello</c>, sends envelopes as Slack does and records every acknowledgement by
/// envelope_id. <see cref="FakeSlackApi"/> serves <c>apps.connections.open</c> with <see cref="Url"/>.
/// Tests can say <c>disconnect</c> or drop a socket mid-stream.
/// </summary>
public sealed class FakeSocketMode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Connection> _connections = [];
    private readonly ConcurrentDictionary<string, Ack> _acks = new(StringComparer.Ordinal);
    private long _nextEnvelope;
    private int _refuse;

    private FakeSocketMode(WebApplication app)
    {
        _app = app;
    }

    /// <summary>What <c>apps.connections.open</c> answers, e.g. <c>ws://127.0.0.1:41234/link?ticket=...</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<FakeSocketMode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketMode(app);
        app.UseWebSockets();
        app.Map("/link", fake.AcceptAsync);
        await app.StartAsync();
        fake.Url = new Uri(app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/link?ticket=secret-ticket-123");
        return fake;
    }

    /// <summary>Connections accepted so far (each got its hello).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    public Ack? AckOf(string envelopeId) => _acks.TryGetValue(envelopeId, out var ack) ? ack : null;

    /// <summary>Sends an envelope on the newest connection (or <paramref name="connection"/>, 1-based) and returns its envelope_id at once.</summary>
    public async Task<string> SendAsync(string type, JsonObject payload, bool acceptsResponsePayload, int retryAttempt = 0, int? connection = null)
    {
        var id = $"env-{Interlocked.Increment(ref _nextEnvelope)}";
        var envelope = new JsonObject
        {
            ["envelope_id"] = id,
            ["payload"] = payload.DeepClone(),
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt > 0 ? "timeout" : "",
        };
        await Pick(connection).SendAsync(envelope.ToJsonString(), id);
        return id;
    }

    /// <summary>Sends an envelope and waits for its acknowledgement.</summary>
    public async Task<Ack> DeliverAsync(string type, JsonObject payload, bool acceptsResponsePayload, int retryAttempt = 0, int? connection = null) =>
        await WaitForAckAsync(await SendAsync(type, payload, acceptsResponsePayload, retryAttempt, connection));

    public async Task<Ack> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (AckOf(envelopeId) is { } ack)
            {
                return ack;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Envelope {envelopeId} was never acknowledged ({_acks.Count} acks so far).");
            await Task.Delay(10);
        }
    }

    public async Task WaitForConnectionsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (ConnectionCount < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The bot opened {ConnectionCount} Socket Mode connection(s); expected {count}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Slack's <c>disconnect</c> message on the newest connection; the socket stays open until the bot closes it.</summary>
    public Task DisconnectAsync(string reason) =>
        Pick(null).SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-fake" } }.ToJsonString(), null);

    /// <summary>The next <paramref name="count"/> connection attempts are refused (503), as an overloaded Slack would.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    /// <summary>When connection <paramref name="number"/> (1-based) got its hello, and when it closed (null while open).</summary>
    public (DateTimeOffset Opened, DateTimeOffset? Closed) Lifetime(int number)
    {
        lock (_connections)
        {
            var connection = _connections[number - 1];
            return (connection.Opened, connection.Closed);
        }
    }

    /// <summary>Drops the newest connection without a close handshake, as a network failure would.</summary>
    public void DropNewest() => Pick(null).Socket.Abort();

    private Connection Pick(int? number)
    {
        lock (_connections)
        {
            Assert.True(_connections.Count > 0, "The bot has no Socket Mode connection.");
            return _connections[(number ?? _connections.Count) - 1];
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["ticket"] != "secret-ticket-123")
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (Interlocked.Decrement(ref _refuse) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(socket);
        int number;
        lock (_connections)
        {
            _connections.Add(connection);
            number = _connections.Count;
        }
        await connection.SendAsync("""{"type":"hello","num_connections":1,"debug_info":{"host":"applink-fake"},"connection_info":{"app_id":"A0INCIDENTBOT"}}""", null);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
                var json = JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray())) as JsonObject;
                if ((string?)json?["envelope_id"] is { } id)
                {
                    var sent = connection.SentAt(id);
                    _acks.TryAdd(id, new Ack(id, json!, number, sent?.Elapsed ?? TimeSpan.Zero));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // Dropped.
        }
        finally
        {
            connection.Closed = DateTimeOffset.UtcNow;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>An acknowledgement: its JSON (with <c>payload</c> when the bot answered in it), the connection it came on, how long it took.</summary>
    public sealed record Ack(string EnvelopeId, JsonObject Json, int Connection, TimeSpan After)
    {
        public JsonObject? Payload => Json["payload"] as JsonObject;
    }

    private sealed class Connection(WebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly ConcurrentDictionary<string, Stopwatch> _sent = new(StringComparer.Ordinal);

        public WebSocket Socket => socket;

        public DateTimeOffset Opened { get; } = DateTimeOffset.UtcNow;

        public DateTimeOffset? Closed { get; set; }

        public Stopwatch? SentAt(string id) => _sent.TryGetValue(id, out var clock) ? clock : null;

        public async Task SendAsync(string text, string? envelopeId)
        {
            await _send.WaitAsync();
            try
            {
                if (envelopeId is not null)
                {
                    _sent[envelopeId] = Stopwatch.StartNew();
                }
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
