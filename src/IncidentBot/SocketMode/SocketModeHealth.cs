using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.SocketMode;

/// <summary>The Socket Mode connection as <c>/healthz</c> reports it (connected since when, reconnects): unhealthy while there is no open socket.</summary>
public sealed class SocketModeHealth(TimeProvider time, Microsoft.Extensions.Options.IOptions<Configuration.SlackOptions> options) : IHealthCheck
{
    private readonly object _lock = new();
    private DateTimeOffset? _since;
    private int _reconnects;
    private bool _connectedOnce;

    public int Reconnects
    {
        get
        {
            lock (_lock)
            {
                return _reconnects;
            }
        }
    }

    /// <summary>A connection said hello; every one after the first counts as a reconnect (a refresh included).</summary>
    public void MarkConnected()
    {
        lock (_lock)
        {
            if (_connectedOnce)
            {
                _reconnects++;
            }
            _connectedOnce = true;
            _since = time.GetUtcNow();
        }
    }

    public void MarkLost()
    {
        lock (_lock)
        {
            _since = null;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.HasAppToken)
        {
            return Task.FromResult(HealthCheckResult.Healthy("not used: no Slack:AppToken"));
        }
        lock (_lock)
        {
            return Task.FromResult(_since is { } since
                ? HealthCheckResult.Healthy($"connected since {since:u}, {_reconnects} reconnects")
                : HealthCheckResult.Unhealthy($"not connected, {_reconnects} reconnects"));
        }
    }
}
