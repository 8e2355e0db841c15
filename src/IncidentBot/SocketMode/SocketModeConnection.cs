using IncidentBot.Pipeline;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.SlackApi;

namespace IncidentBot.SocketMode;

/// <summary>
/// One WebSocket to Slack: waits for <c>hello</c>, then hands every envelope to the dispatcher and
/// acknowledges it with its envelope_id once the change is stored. <see cref="Ended"/> completes with
/// the reason it stopped serving: Slack's <c>disconnect</c> reason (the socket still works until it is
/// closed, so the next one can open first), or <c>dropped</c>.
/// </summary>
public sealed class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Our pings; a socket whose pong does not come within <see cref="PingTimeout"/> is aborted and replaced.</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> _inFlight = new();
    private Task? _receiving;

    public SocketModeConnection(IServiceProvider services, ILogger logger)
    {
        _services = services;
        _logger = logger;
        _socket.Options.KeepAliveInterval = PingInterval;
        _socket.Options.KeepAliveTimeout = PingTimeout;
    }

    public Task<string> Ended => _ended.Task;

    /// <summary>Connects and waits for <c>hello</c>; throws when either fails. The URL is never logged: it carries a ticket.</summary>
    public async Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HelloTimeout);
        await _socket.ConnectAsync(url, timeout.Token);
        while (true)
        {
            var frame = await ReceiveAsync(timeout.Token) ?? throw new WebSocketException("Slack closed the socket before hello.");
            var envelope = SocketEnvelope.Parse(frame);
            if (envelope?.Type == "hello")
            {
                break;
            }
            if (envelope?.Type == "disconnect")
            {
                throw new WebSocketException($"Slack said disconnect ({envelope.Reason}) before hello.");
            }
        }
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReceiveAsync(_stop.Token) is { } frame)
            {
                var envelope = SocketEnvelope.Parse(frame);
                if (envelope is null)
                {
                    _logger.LogWarning("Socket Mode sent a frame that is not an envelope; ignored");
                }
                else if (envelope.Type == "disconnect")
                {
                    _ended.TrySetResult(envelope.Reason ?? "disconnect");
                }
                else if (envelope.EnvelopeId is not null)
                {
                    // Each envelope on its own task: a form's views.open must not hold up the clicks behind it.
                    var handling = Task.Run(() => HandleAsync(envelope));
                    _inFlight[handling] = true;
                    _ = handling.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            if (!_stop.IsCancellationRequested)
            {
                _logger.LogWarning("Socket Mode connection dropped: {Error}", e.GetType().Name);
            }
        }
        finally
        {
            // Whatever ended the loop, the keeper must hear of it and connect again.
            _ended.TrySetResult("dropped");
        }
    }

    private async Task HandleAsync(SocketEnvelope envelope)
    {
        var ack = new JsonObject { ["envelope_id"] = envelope.EnvelopeId };
        try
        {
            if (envelope.ToInbound() is { } inbound)
            {
                await using var scope = _services.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<SlackDispatcher>();
                var result = await dispatcher.DispatchAsync(inbound.Kind, inbound.Body, inbound.ReplayKey, _stop.Token);
                var (status, payload) = await SocketAnswer.RenderAsync(result, scope.ServiceProvider);
                if (status >= 400)
                {
                    _logger.LogWarning("Socket Mode {Type} envelope refused with {Status}", envelope.Type, status);
                }
                else if (payload is not null && envelope.AcceptsResponsePayload)
                {
                    ack["payload"] = payload;
                }
            }
            else
            {
                _logger.LogInformation("Socket Mode envelope of type {Type} is not handled; acknowledged", envelope.Type);
            }
            await SendAsync(ack.ToJsonString(), _stop.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Not acknowledged: Slack delivers it again, and its replay key makes the second time change nothing.
            _logger.LogWarning("Could not acknowledge a Socket Mode {Type} envelope: {Error}", envelope.Type, e.GetType().Name);
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>One whole text frame, or null when the socket closed.</summary>
    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    /// <summary>Lets the envelopes in flight be acknowledged (within Slack's 3 s), closes the socket politely, then stops receiving.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAny(Task.WhenAll(_inFlight.Keys), Task.Delay(TimeSpan.FromSeconds(3)));
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _send.WaitAsync(timeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refreshed", timeout.Token);
                }
                finally
                {
                    _send.Release();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone: nothing to close.
        }
        await _stop.CancelAsync();
        if (_receiving is not null)
        {
            await _receiving;
        }
        _socket.Dispose();
        _stop.Dispose();
        _send.Dispose();
    }
}
