using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary>
/// At start: one recurring job per configured watch (added or updated: replicas and restarts write the
/// same ids), and the jobs of watches no longer configured removed. Also where <c>/incident watches</c>
/// learns when each runs next.
/// </summary>
public sealed class WatchSchedule(IRecurringJobManager recurring, JobStorage storage, IOptions<WatchesOptions> options, ILogger<WatchSchedule> logger) : IHostedService
{
    public const string Prefix = "watch/";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var watches = options.Value.Items;
        foreach (var watch in watches)
        {
            var name = watch.Name;
            recurring.AddOrUpdate<WatchJob>(watch.JobId, j => j.RunAsync(name, CancellationToken.None), watch.Cron!, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            if (!watches.Any(w => w.JobId == job.Id))
            {
                recurring.RemoveIfExists(job.Id);
                logger.LogInformation("Removed the job of watch {Watch}: it is no longer configured", job.Id[Prefix.Length..]);
            }
        }
        if (watches.Count > 0)
        {
            logger.LogInformation("Watching {Count} tables: {Watches}", watches.Count, string.Join(", ", watches.Select(w => $"{w.Name} every {w.Every}")));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>When each watch's job runs next, by watch name (as Hangfire has it scheduled).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NextRuns()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs(options.Value.Items.Select(w => w.JobId))
            .Where(j => j.NextExecution is not null && j.Id.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(j => j.Id[Prefix.Length..], j => new DateTimeOffset(DateTime.SpecifyKind(j.NextExecution!.Value, DateTimeKind.Utc)), StringComparer.OrdinalIgnoreCase);
    }
}
