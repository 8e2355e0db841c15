namespace IncidentBot.Queues;

/// <summary>
/// The loop the inbox, the outbox and the schedule synchroniser share: drain one batch of leased items,
/// log a pass that failed, and when the queue ran dry sleep until a local commit wakes it or the poll comes round.
/// </summary>
public abstract class LeasedQueueWorker(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>Whose lease a claim takes: this process and this worker.</summary>
    protected string WorkerId { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The queue's name in logs.</summary>
    protected abstract string QueueName { get; }

    /// <summary>One pass: claim a batch and work it off; returns how many items it handled.</summary>
    public abstract Task<int> DrainOnceAsync(CancellationToken cancellationToken);

    /// <summary>Runs before the first pass; false leaves this queue to the other replicas.</summary>
    protected virtual Task<bool> ReadyAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Whether a pass that handled <paramref name="handled"/> items may have left work behind (then the next pass starts at once).</summary>
    protected virtual bool MayHaveMore(int handled) => handled > 0;

    /// <summary>Runs after a pass that found nothing to do.</summary>
    protected virtual Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>How long to sleep when nothing wakes the worker.</summary>
    protected abstract TimeSpan NextPoll();

    /// <summary>Runs when a local commit woke the worker, before its next pass.</summary>
    protected virtual Task WokenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await ReadyAsync(stoppingToken))
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await DrainOnceAsync(stoppingToken);
                if (handled == 0)
                {
                    await IdleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Queue} pass failed; retrying shortly", QueueName);
            }
            if (MayHaveMore(handled))
            {
                continue;
            }
            try
            {
                if (await signal.WaitAsync(NextPoll(), stoppingToken))
                {
                    await WokenAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Hands back what a stopping worker claimed and did not start, so it goes out now rather than when its lease runs out.</summary>
    protected async Task ReleaseUnstartedAsync<T>(IEnumerable<T> unstarted, Func<T, Task> release)
    {
        try
        {
            foreach (var item in unstarted)
            {
                await release(item);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "{Queue}: could not hand claimed items back; they are taken again when their lease runs out", QueueName);
        }
    }
}
