using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using Microsoft.Extensions.Options;

namespace IncidentBot.Scheduling;

/// <summary>A Hangfire recurring job, hourly: deletes finished inbox items and handled-request keys older than <c>Inbox:Retention</c>.</summary>
public sealed class PruneInboxJob(IInbox inbox, TimeProvider time, IOptions<InboxOptions> options, ILogger<PruneInboxJob> logger)
{
    public const string Id = "inbox/prune";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pruned = await inbox.PruneAsync(time.GetUtcNow() - options.Value.Retention, cancellationToken);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} finished inbox items and handled-request keys older than {Retention}", pruned, options.Value.Retention);
        }
    }
}
