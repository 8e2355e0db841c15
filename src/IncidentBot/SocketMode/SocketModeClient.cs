using System.Net.WebSockets;
using System.Text.Json.Nodes;
using IncidentBot.Configuration;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.SocketMode;

/// <summary>
/// Socket Mode's connection keeper (runs only with <c>Slack:AppToken</c>): asks
/// <c>apps.connections.open</c> for a URL, connects and awaits hello; on Slack's <c>disconnect</c> it
/// opens the next connection before it closes the old one, so nothing falls between; a dropped socket
/// or a failed open is retried with exponential backoff and jitter. Logs never carry a token or a URL.
/// </summary>
public sealed class SocketModeClient(
    IServiceProvider services,
    IHttpClientFactory http,
    IOptions<SlackOptions> options,
    SocketModeHealth health,
    TimeProvider time,
    ILogger<SocketModeClient> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.HasAppToken)
        {
            return;
        }
        SocketModeConnection? current = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                current ??= await ConnectWithRetriesAsync(stoppingToken);
                var reason = await current.Ended.WaitAsync(stoppingToken);
                if (reason == "dropped")
                {
                    health.MarkLost();
                    logger.LogWarning("Socket Mode connection dropped; reconnecting");
                    await current.DisposeAsync();
                    current = null;
                    continue;
                }
                // refresh_requested, warning, too_many_websockets, link_disabled: the old socket still
                // delivers until it is closed, so the new one opens first.
                logger.LogInformation("Slack asked to disconnect ({Reason}); opening a new connection before closing this one", reason);
                var next = await ConnectWithRetriesAsync(stoppingToken);
                var old = current;
                current = next;
                await old.DisposeAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            health.MarkLost();
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    private async Task<SocketModeConnection> ConnectWithRetriesAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            var (connection, problem) = await TryConnectAsync(stoppingToken);
            if (connection is not null)
            {
                health.MarkConnected();
                logger.LogInformation("Socket Mode connected ({Reconnects} reconnects so far)", health.Reconnects);
                return connection;
            }
            var wait = delay / 2 + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * delay.TotalMilliseconds / 2);
            logger.LogWarning("Socket Mode connect attempt {Attempt} failed ({Problem}); retrying in {Wait:0.0} s", attempt, problem, wait.TotalSeconds);
            await Task.Delay(wait, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetry.Ticks));
        }
    }

    private async Task<(SocketModeConnection? Connection, string? Problem)> TryConnectAsync(CancellationToken stoppingToken)
    {
        var client = new SlackWebApiClient(http.CreateClient(nameof(SlackWebApiClient)), options.Value.AppToken!);
        var opened = await client.CallAsync("apps.connections.open", new JsonObject(), stoppingToken);
        if (!opened.Ok || opened.Body?["url"]?.GetValue<string>() is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var problem = opened.Ok ? "no url in the answer" : $"apps.connections.open: {opened.Error}";
            if (opened.Failure == SlackFailureKind.Permanent)
            {
                logger.LogError("apps.connections.open refused the app token ({Error}): check Slack:AppToken (xapp-, scope connections:write) and that Socket Mode is on", opened.Error);
            }
            return (null, problem);
        }
        var connection = new SocketModeConnection(services, logger);
        try
        {
            await connection.OpenAsync(uri, stoppingToken);
            return (connection, null);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            return (null, $"socket: {e.GetType().Name}");
        }
    }
}
