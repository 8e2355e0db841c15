using Hangfire;

namespace IncidentBot.Watches;

/// <summary>
/// A Hangfire recurring job per watch (<c>watch/&lt;Name&gt;</c>, cron from its <c>Every</c>). Hangfire's
/// recurring scheduler enqueues each occurrence once across replicas and one worker runs it; the
/// period claim in <see cref="WatchRunner"/> makes sure of it even if an occurrence ran twice. A failed
/// run is not retried: the next period runs anyway, and a query failure is recorded, not thrown.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class WatchJob(WatchRunner runner)
{
    public Task RunAsync(string name, CancellationToken cancellationToken) => runner.RunAsync(name, cancellationToken);
}
