using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Scheduling;

/// <summary>
/// Healthy when a Hangfire server heartbeated within the last minute and no scheduled job is more than
/// a minute overdue (one that is means nothing is moving due jobs to the workers).
/// </summary>
internal sealed class SchedulerHealthCheck(SchedulerStore store, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = time.GetUtcNow();
            var servers = store.Storage.GetMonitoringApi().Servers();
            if (!servers.Any(s => s.Heartbeat is { } beat && new DateTimeOffset(DateTime.SpecifyKind(beat, DateTimeKind.Utc)) > now - Limit))
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("no Hangfire server heartbeat in the last minute"));
            }
            using var connection = store.Storage.GetConnection();
            var overdue = connection.GetFirstByLowestScoreFromSet("schedule", 0, (now - Limit).ToUnixTimeSeconds());
            return Task.FromResult(overdue is null
                ? HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s)")
                : HealthCheckResult.Unhealthy($"scheduled job {overdue} is more than a minute overdue"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's store unreachable: " + e.GetType().Name));
        }
    }
}
