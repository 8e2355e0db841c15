using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary><c>/healthz</c> line <c>watches</c>: Degraded (still 200: the bot serves) while a watch's query fails, naming it and the error.</summary>
internal sealed class WatchHealthCheck(IWatchStore store, IOptions<WatchesOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var configured = options.Value.Items;
        if (configured.Count == 0)
        {
            return HealthCheckResult.Healthy("none configured");
        }
        var failing = (await store.ListAsync(cancellationToken))
            .Where(s => s.LastResult == WatchResult.Failed && configured.Any(w => string.Equals(w.Name, s.Name, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{configured.Count} watch(es) reading")
            : HealthCheckResult.Degraded(string.Join("; ", failing.Select(s => $"{s.Name} failed {s.ConsecutiveFailures} time(s) in a row: {s.LastError}")));
    }
}
