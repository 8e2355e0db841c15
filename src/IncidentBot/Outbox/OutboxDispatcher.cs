using IncidentBot.Domain.Ports;
using IncidentBot.Hosting;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.Outbox;

/// <summary>
/// Drains the outbox: claims due messages (the database makes sure two replicas never take the same
/// one, and that an incident's messages go out in order), sends each through <see cref="SlackDelivery"/>,
/// and records the outcome. Rate limits pause all sending until Retry-After has passed; transient
/// errors are retried with backoff; permanent ones are logged with the incident and set aside so they
/// block nothing else.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox,
    SlackDelivery delivery,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    IOptions<Configuration.SlackOptions> slack,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Lock _pauseLock = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Until when chat.* calls wait for Slack's Retry-After (shared by the parallel senders).</summary>
    private DateTimeOffset PausedUntil
    {
        get
        {
            lock (_pauseLock)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>Pauses chat.* calls until <paramref name="until"/>; a shorter pause never cuts a longer one short.</summary>
    private void PauseUntil(DateTimeOffset until)
    {
        lock (_pauseLock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!slack.Value.HasBotToken)
        {
            logger.LogWarning("Outbox delivery is off until Slack:BotToken is set; messages stay queued and go out once it is.");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await DrainOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox pass failed; retrying shortly");
                handled = 0;
            }
            if (handled == 0)
            {
                var wait = options.Value.PollInterval;
                var pause = PausedUntil - time.GetUtcNow();
                if (pause > wait)
                {
                    wait = pause;
                }
                try
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// One pass: claim a batch and deliver it, <see cref="OutboxOptions.Parallelism"/> at a time. A claim
    /// holds at most one message per incident (the oldest pending one), so the messages of a batch are
    /// independent and their order within an incident is kept. Returns how many messages were handled.
    /// </summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var batch = await outbox.ClaimDueAsync(_workerId, now, settings.Lease, settings.BatchSize, cancellationToken, answersOnly: now < PausedUntil);
        // A message still unsent this close to the end of its lease goes back, so another worker never
        // takes it over while this one is still sending it.
        var margin = Configuration.SlackOptions.CallTimeout + TimeSpan.FromSeconds(5);
        var sendBy = now + (settings.Lease > margin * 2 ? settings.Lease - margin : settings.Lease / 2);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        try
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken }, (record, ct) =>
            {
                started[record.Id] = true;
                return DeliverOneAsync(record, sendBy, ct);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: messages claimed but not yet started go back now, not when their lease runs out.
            // (One cancelled mid-send keeps its lease: Slack may have it already.)
            foreach (var record in batch.Where(r => !started.ContainsKey(r.Id)))
            {
                await outbox.ReleaseAsync(record.Id, now, "host stopping", CancellationToken.None);
            }
            throw;
        }
        return batch.Count;
    }

    private async ValueTask DeliverOneAsync(OutboxRecord record, DateTimeOffset sendBy, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        var pausedUntil = PausedUntil;
        if (record.Message.Kind != OutboxKind.Respond && at < pausedUntil)
        {
            // Rate limited during this batch: hand it back without counting an attempt against it.
            await outbox.ReleaseAsync(record.Id, pausedUntil, "paused: rate limited", ct);
            return;
        }
        if (at > sendBy)
        {
            await outbox.ReleaseAsync(record.Id, at, "lease running out", ct);
            return;
        }
        await DeliverAsync(record, ct);
    }

    private async Task DeliverAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        var reference = record.Message.IncidentNumber is { } n ? Domain.IncidentReference.Format(n) : "-";
        using var scope = logger.BeginIncidentScope(reference);
        var outcome = await delivery.SendAsync(record.Message, cancellationToken);
        var now = time.GetUtcNow();
        var settings = options.Value;
        switch (outcome.Result.Failure)
        {
            case SlackFailureKind.None:
                await outbox.MarkSentAsync(record.Id, now, outcome.HeadlineTs, outcome.HeadlineChannel, cancellationToken);
                logger.LogInformation("Delivered {Kind} (message {Id}, attempt {Attempt})", record.Message.Kind, record.Id, record.Attempts);
                break;
            case SlackFailureKind.RateLimited when record.Message.Kind == OutboxKind.Respond:
                // A response_url has limits of its own; waiting on it must not hold up the channel.
                // Being told to wait is not a failed attempt: it does not count towards MaxAttempts.
                await outbox.ReleaseAsync(record.Id, now + (outcome.Result.RetryAfter ?? TimeSpan.FromSeconds(1)), "rate limited", cancellationToken);
                break;
            case SlackFailureKind.RateLimited:
                var retryAfter = outcome.Result.RetryAfter ?? TimeSpan.FromSeconds(1);
                PauseUntil(now + retryAfter);
                await outbox.ReleaseAsync(record.Id, now + retryAfter, "rate limited", cancellationToken);
                logger.LogWarning("Slack rate limited {Kind}; pausing delivery for {RetryAfter}", record.Message.Kind, retryAfter);
                break;
            case SlackFailureKind.Transient when record.Attempts < settings.MaxAttempts:
                var delay = Backoff(record.Attempts, settings);
                await outbox.RetryLaterAsync(record.Id, now + delay, outcome.Result.Error ?? "transient", cancellationToken);
                logger.LogWarning("Transient failure delivering {Kind}: {Error}; retry {Attempt} in {Delay}", record.Message.Kind, outcome.Result.Error, record.Attempts, delay);
                break;
            default:
                await outbox.MarkFailedAsync(record.Id, now, outcome.Result.Error ?? outcome.Result.Failure.ToString(), cancellationToken);
                logger.LogError("Gave up delivering {Kind} (message {Id}) after {Attempts} attempts: {Error}. Fix the cause (channel, token, scopes); other messages carry on.",
                    record.Message.Kind, record.Id, record.Attempts, outcome.Result.Error);
                break;
        }
    }

    public static TimeSpan Backoff(int attempts, OutboxOptions options)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var delay = TimeSpan.FromMilliseconds(options.FirstRetryDelay.TotalMilliseconds * factor);
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }
}
