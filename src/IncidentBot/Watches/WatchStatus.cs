using System.Text;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using IncidentBot.Messages;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary><c>/incident watches</c>: every configured watch with its last result, the newest load it saw, and when it runs next.</summary>
public sealed class WatchStatus(IWatchStore store, WatchSchedule schedule, IOptions<WatchesOptions> options)
{
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var watches = options.Value.Items;
        if (watches.Count == 0)
        {
            return "No watches are configured. Add one under `Watches` (a query returning the newest load, `MaxAge`, `Every`); see the README, \"Watches and phantom success\".";
        }
        var states = (await store.ListAsync(cancellationToken)).ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        IReadOnlyDictionary<string, DateTimeOffset> next;
        try
        {
            next = schedule.NextRuns();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            next = new Dictionary<string, DateTimeOffset>();
        }
        var text = new StringBuilder($"*Watches* ({watches.Count}):");
        foreach (var watch in watches)
        {
            var state = states.GetValueOrDefault(watch.Name);
            text.Append($"\n• *{Mrkdwn.Escape(watch.Name)}* (every {SlackTime.Exact(watch.Every)}, max age {WatchRunner.Hours(watch.MaxAge)}): ");
            text.Append(state?.LastResult switch
            {
                null => "not run yet",
                WatchResult.Fresh => "fresh",
                WatchResult.Stale => "*stale*",
                _ => $"*query failing* ({state.ConsecutiveFailures} in a row): {Mrkdwn.Escape(state.LastError)}",
            });
            if (state?.NewestLoad is { } newest)
            {
                text.Append($"; newest load {SlackTime.Format(newest)}");
            }
            if (state?.LastRunAt is { } last)
            {
                text.Append($"; last run {SlackTime.Format(last)}");
            }
            text.Append(next.TryGetValue(watch.Name, out var at) ? $"; next run {SlackTime.Format(at)}" : "; next run not scheduled");
        }
        return text.ToString();
    }
}
