using IncidentBot.Alerts;
using IncidentBot.Commands;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Interactions;
using IncidentBot.Logging;
using IncidentBot.Queues;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using IncidentBot.Watches;
using Microsoft.Extensions.Options;

namespace IncidentBot.Pipeline;

/// <summary>
/// Applies the Slack requests the request path stored: claims a batch (the database makes sure two
/// replicas never take the same request, and that one incident's requests are applied in the order
/// they came), applies each through the command or interaction handler, and marks it done. Applying
/// is idempotent (the request key is recorded in the change's own transaction), so a request whose
/// worker died after the change and before "done" is simply applied again as a no-op. A request that
/// keeps failing for an unexpected reason is retried with backoff, then given up with an answer that
/// nothing was changed.
/// </summary>
public sealed class InboxWorker(
    IInbox inbox,
    IServiceProvider services,
    InboxSignal signal,
    TimeProvider time,
    IOptions<InboxOptions> options,
    ILogger<InboxWorker> logger) : LeasedQueueWorker(signal, logger)
{
    protected override string QueueName => "Inbox";

    protected override TimeSpan NextPoll() => options.Value.PollInterval;

    protected override Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BatchSize <= 0)
        {
            logger.LogWarning("Inbox:BatchSize is 0: this replica accepts Slack requests but leaves applying them to the others.");
        }
        return Task.FromResult(options.Value.BatchSize > 0);
    }

    /// <summary>One pass: claim a batch and apply it. Returns how many requests were handled.</summary>
    public override async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = await inbox.ClaimAsync(WorkerId, time.GetUtcNow(), settings.Lease, settings.BatchSize, cancellationToken);
        var started = 0;
        try
        {
            while (started < batch.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ApplyAsync(batch[started++], cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // One cancelled while being applied keeps its lease: it may have committed.
            await ReleaseUnstartedAsync(batch.Skip(started), r => inbox.ReleaseAsync(r.Id, CancellationToken.None));
            throw;
        }
        return batch.Count;
    }

    private async Task ApplyAsync(InboxRecord record, CancellationToken cancellationToken)
    {
        var item = record.Item;
        var reference = item.IncidentNumber is { } n and > 0 ? Domain.IncidentReference.Format(n) : "-";
        using var scope = logger.BeginIncidentScope(reference);
        try
        {
            switch (item.Kind)
            {
                case InboxKind.Command when SlashCommands.Read(item) is { } command:
                    await SlashCommands.ApplyAsync(command, item.Key, item.ReceivedAt, cancellationToken);
                    break;
                case InboxKind.Interaction when InteractionPayload.Parse(item.Body) is { } payload:
                    await services.GetRequiredService<InteractionHandler>().ApplyAsync(payload, item.Key, cancellationToken);
                    break;
                case InboxKind.Alert when StoredAlerts.Read(item.Body) is { } alerts:
                    await AlertIntake.ApplyAsync(services.GetRequiredService<AlertService>(), alerts, item.Key, item.ReceivedAt, cancellationToken);
                    await services.GetRequiredService<PhantomSuccess>().ApplyAsync(alerts, item.Key, item.ReceivedAt, cancellationToken);
                    break;
                default:
                    // Verified and parsed before it was stored, so this is not Slack's doing; keep it for inspection.
                    await inbox.FailAsync(record.Id, time.GetUtcNow(), "stored request could not be read back", cancellationToken);
                    logger.LogError("Inbox item {Id} ({Kind}) could not be read back; set aside", record.Id, item.Kind);
                    return;
            }
            await inbox.CompleteAsync(record.Id, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await GiveUpOrRetryAsync(record, e, cancellationToken);
        }
    }

    private async Task GiveUpOrRetryAsync(InboxRecord record, Exception e, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (record.Attempts < settings.MaxAttempts)
        {
            var delay = settings.Backoff(record.Attempts);
            logger.LogWarning(e, "Applying inbox item {Id} failed (attempt {Attempt}); retrying in {Delay}", record.Id, record.Attempts, delay);
            await inbox.RetryLaterAsync(record.Id, now + delay, e.GetType().Name + ": " + e.Message, cancellationToken);
            return;
        }
        logger.LogError(e, "Gave up applying inbox item {Id} after {Attempts} attempts", record.Id, record.Attempts);
        await inbox.FailAsync(record.Id, now, e.GetType().Name + ": " + e.Message, cancellationToken);
        if (ReplyToOf(record.Item) is { } replyTo)
        {
            await services.GetRequiredService<IncidentService>().AnswerAsync(replyTo, SlackReplies.InternalError, cancellationToken);
        }
    }

    private CommandHandler SlashCommands => services.GetRequiredService<CommandHandler>();

    /// <summary>Where the person who sent a stored request hears back.</summary>
    private ReplyTo? ReplyToOf(InboxItem item) => item.Kind switch
    {
        InboxKind.Command when SlashCommands.Read(item) is { } command => SlashCommands.ReplyTo(command, item.Key),
        InboxKind.Interaction when InteractionPayload.Parse(item.Body) is { UserId: not null } payload =>
            services.GetRequiredService<InteractionHandler>().ReplyTo(payload, item.Key),
        _ => null,
    };
}
