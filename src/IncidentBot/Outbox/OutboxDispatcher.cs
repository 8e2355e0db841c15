using IncidentBot.Domain.Ports;
using IncidentBot.Logging;
using IncidentBot.Queues;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Outbox;

/// <summary>
/// Drains the outbox: claims due messages (the database makes sure two replicas never take the same
/// one, that an incident's messages go out in order, and that answers and headlines come first), paces
/// what goes into each channel (<see cref="IChannelPacing"/>, shared by all replicas), sends the rest
/// through <see cref="SlackDelivery"/>, and records the outcome. A 429 pauses that channel until
/// Retry-After; transient errors are retried with backoff; permanent ones are logged with the incident
/// and set aside so they block nothing else.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox,
    IChannelPacing pacing,
    IIncidentStore incidents,
    ChannelDirectory channels,
    SlackDelivery delivery,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    IOptions<Configuration.SlackOptions> slack,
    IServiceProvider services,
    ILogger<OutboxDispatcher> logger) : LeasedQueueWorker(signal, logger)
{
    private static readonly TimeSpan LookUpWait = TimeSpan.FromSeconds(10);
    private long _nextPacedTicks = long.MaxValue;

    protected override string QueueName => "Outbox";

    protected override async Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        if (!slack.Value.HasBotToken)
        {
            logger.LogWarning("Outbox delivery is off until Slack:BotToken is set; messages stay queued and go out once it is.");
            return false;
        }
        // Pacing and the history lookup key by channel id: let the start-up lookup of the channel finish first.
        await channels.LookedUp.WaitAsync(LookUpWait, cancellationToken).ContinueWith(_ => { }, CancellationToken.None);
        return true;
    }

    /// <summary>The poll interval, or sooner when a message held back for its channel's pace is due before it.</summary>
    protected override TimeSpan NextPoll()
    {
        var wait = options.Value.PollInterval;
        var pacedTicks = Interlocked.Exchange(ref _nextPacedTicks, long.MaxValue);
        var paced = pacedTicks == long.MaxValue ? wait : new DateTimeOffset(pacedTicks, TimeSpan.Zero) - time.GetUtcNow();
        return paced >= wait ? wait : paced > TimeSpan.Zero ? paced : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>
    /// One pass: claim a batch, hold back what its channel's pace or pause does not allow yet, and deliver
    /// the rest, <see cref="OutboxOptions.Parallelism"/> lanes at a time (a channel's posts are one lane, in
    /// priority order). A claim holds at most one message per incident, so an incident's messages keep
    /// their order. Returns how many messages were sent.
    /// </summary>
    public override async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var batch = await outbox.ClaimDueAsync(WorkerId, now, settings.Lease, settings.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }
        var channelOf = await ChannelsAsync(batch, cancellationToken);
        var lanes = await PaceAsync(batch, channelOf, now, cancellationToken);
        // A message still unsent this close to the end of its lease goes back, so another worker never
        // takes it over while this one is still sending it.
        var margin = Configuration.SlackOptions.CallTimeout + TimeSpan.FromSeconds(5);
        var sendBy = now + (settings.Lease > margin * 2 ? settings.Lease - margin : settings.Lease / 2);
        var started = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        try
        {
            await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken }, async (lane, ct) =>
            {
                foreach (var record in lane)
                {
                    started[record.Id] = true;
                    await DeliverOneAsync(record, channelOf.GetValueOrDefault(record.Id), sendBy, ct);
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // One cancelled mid-send keeps its lease: Slack may have it already.
            await ReleaseUnstartedAsync(lanes.SelectMany(l => l).Where(r => !started.ContainsKey(r.Id)),
                r => outbox.ReleaseAsync(r.Id, now, "host stopping", CancellationToken.None));
            throw;
        }
        return lanes.Sum(l => l.Count);
    }

    /// <summary>Messages that go into a channel, and which one (by id where known); answers to people are not the channel's.</summary>
    private async Task<Dictionary<long, string>> ChannelsAsync(IReadOnlyList<OutboxRecord> batch, CancellationToken cancellationToken)
    {
        var bound = batch.Where(r => r.Message.Kind is OutboxKind.PostHeadline or OutboxKind.PostInThread or OutboxKind.UpdateHeadline or OutboxKind.PostInChannel).ToList();
        var numbers = bound.Where(r => r.Message.Channel is null || r.Message.Kind is not (OutboxKind.PostHeadline or OutboxKind.PostInChannel))
            .Select(r => r.Message.IncidentNumber).OfType<long>().Distinct().ToList();
        var known = numbers.Count == 0 ? [] : (await incidents.FindManyAsync(numbers, cancellationToken)).ToDictionary(i => i.Number, i => i.Channel);
        var result = new Dictionary<long, string>();
        foreach (var record in bound)
        {
            var channel = record.Message.Kind is OutboxKind.PostHeadline or OutboxKind.PostInChannel ? record.Message.Channel : null;
            channel ??= record.Message.IncidentNumber is { } n ? known.GetValueOrDefault(n) : null;
            if (channel is not null)
            {
                result[record.Id] = channels.Canonical(channel);
            }
        }
        return result;
    }

    /// <summary>
    /// Per channel: everything waits while Slack's Retry-After runs; posts take a token each, people's
    /// first, and those without one go back for when their token is due. Returns lanes to send: a
    /// channel's posts one after another in priority order (so they appear in that order), everything
    /// else on its own.
    /// </summary>
    private async Task<List<List<OutboxRecord>>> PaceAsync(IReadOnlyList<OutboxRecord> batch, Dictionary<long, string> channelOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slackOptions = slack.Value;
        var rate = slackOptions.PostsPerSecondPerChannel;
        var lanes = batch.Where(r => !channelOf.ContainsKey(r.Id)).Select(r => new List<OutboxRecord> { r }).ToList();
        foreach (var group in batch.Where(r => channelOf.ContainsKey(r.Id)).GroupBy(r => channelOf[r.Id]))
        {
            var ordered = group.OrderBy(r => Priority(r.Message.Kind)).ThenBy(r => r.Id).ToList();
            var posts = ordered.Where(r => r.Message.Kind != OutboxKind.UpdateHeadline).ToList();
            var grant = await pacing.TakeAsync(group.Key, posts.Count, now, rate, slackOptions.PostBurstPerChannel, cancellationToken);
            if (grant.PausedUntil is { } until)
            {
                foreach (var record in ordered)
                {
                    await HoldBackAsync(record, until, "paused: rate limited", cancellationToken);
                }
                continue;
            }
            lanes.AddRange(ordered.Where(r => r.Message.Kind == OutboxKind.UpdateHeadline).Select(r => new List<OutboxRecord> { r }));
            if (grant.Granted > 0)
            {
                lanes.Add(posts.Take(grant.Granted).ToList());
            }
            for (var i = grant.Granted; i < posts.Count; i++)
            {
                var due = now + TimeSpan.FromSeconds((i - grant.Granted + 1 - grant.Tokens) / rate);
                await HoldBackAsync(posts[i], due, "paced: channel busy", cancellationToken);
            }
        }
        return lanes;
    }

    private async Task HoldBackAsync(OutboxRecord record, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        await outbox.ReleaseAsync(record.Id, until, reason, cancellationToken);
        var ticks = until.UtcTicks;
        long seen;
        while (ticks < (seen = Interlocked.Read(ref _nextPacedTicks)) && Interlocked.CompareExchange(ref _nextPacedTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>Matches the claim's order: answers and headlines, then headline edits, then thread replies.</summary>
    private static int Priority(OutboxKind kind) => kind switch
    {
        OutboxKind.PostInThread => 2,
        OutboxKind.UpdateHeadline => 1,
        _ => 0,
    };

    private async ValueTask DeliverOneAsync(OutboxRecord record, string? channel, DateTimeOffset sendBy, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        if (at > sendBy)
        {
            await outbox.ReleaseAsync(record.Id, at, "lease running out", ct);
            return;
        }
        if (record.Message.Kind == OutboxKind.Respond && at - record.CreatedAt > ResponseUrls.Lifetime)
        {
            await outbox.MarkFailedAsync(record.Id, at, "expired_url", ct);
            logger.LogWarning("Gave up an answer to {User} (message {Id}): its response_url expired {Lifetime} after it was queued; Slack would refuse it",
                record.Message.User, record.Id, ResponseUrls.Lifetime);
            return;
        }
        await DeliverAsync(record, channel, ct);
    }

    private async Task DeliverAsync(OutboxRecord record, string? channel, CancellationToken cancellationToken)
    {
        var reference = record.Message.IncidentNumber is { } n ? Domain.IncidentReference.Format(n) : "-";
        using var scope = logger.BeginIncidentScope(reference);
        // An edit is rendered from the incident as it is when sent: one with a newer edit queued behind it
        // gives way to that one, which goes out after whatever the incident queued in between.
        if (record.Message is { Kind: OutboxKind.UpdateHeadline, IncidentNumber: { } number }
            && await outbox.LatestPendingEditAsync(number, cancellationToken) is { } newer && newer > record.Id)
        {
            await outbox.SupersedeEditsAsync(newer, number, record.Id, time.GetUtcNow(), cancellationToken);
            logger.LogInformation("Headline edit {Id} left to the newer edit {Newer}", record.Id, newer);
            return;
        }
        var outcome = await delivery.SendAsync(record, cancellationToken);
        var now = time.GetUtcNow();
        var settings = options.Value;
        switch (outcome.Result.Failure)
        {
            case SlackFailureKind.None:
                var permalink = record.Message.Kind == OutboxKind.PostHeadline && outcome is { HeadlineChannel: { } id, HeadlineTs: { } ts }
                    ? await PermalinkAsync(id, ts, cancellationToken)
                    : null;
                await outbox.MarkSentAsync(record.Id, now, outcome.HeadlineTs, outcome.HeadlineChannel, permalink, cancellationToken);
                if (record.Message.Kind == OutboxKind.PostHeadline && channel is not null && outcome.HeadlineChannel is { } channelId)
                {
                    channels.Learn(channel, channelId);
                }
                logger.LogInformation("Delivered {Kind} (message {Id}, attempt {Attempt})", record.Message.Kind, record.Id, record.Attempts);
                break;
            case SlackFailureKind.RateLimited when channel is null:
                // A response_url (or an ephemeral message) has limits of its own; waiting on it must not hold up the channel.
                // Being told to wait is not a failed attempt: it does not count towards MaxAttempts.
                await outbox.ReleaseAsync(record.Id, now + (outcome.Result.RetryAfter ?? TimeSpan.FromSeconds(1)), "rate limited", cancellationToken);
                break;
            case SlackFailureKind.RateLimited:
                var retryAfter = outcome.Result.RetryAfter ?? TimeSpan.FromSeconds(1);
                await pacing.PauseAsync(channel, now + retryAfter, cancellationToken);
                await outbox.ReleaseAsync(record.Id, now + retryAfter, "rate limited", cancellationToken);
                logger.LogWarning("Slack rate limited {Kind} in {Channel}; pausing that channel for {RetryAfter}", record.Message.Kind, channel, retryAfter);
                break;
            case SlackFailureKind.Transient when record.Attempts < settings.MaxAttempts:
                var delay = settings.Backoff(record.Attempts);
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

    /// <summary>Asks Slack once for the headline's permalink (links to the thread use it); without one, reads show no link.</summary>
    private async Task<string?> PermalinkAsync(string channel, string ts, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SlackWebApiClient>();
        var result = await client.CallFormAsync("chat.getPermalink", [new("channel", channel), new("message_ts", ts)], cancellationToken);
        if (result.Ok && result.Body?["permalink"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var permalink)
            && Uri.TryCreate(permalink, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            return permalink;
        }
        logger.LogWarning("chat.getPermalink for {Channel}/{Ts} failed ({Error}); /incident status shows no link to the thread", channel, ts, result.Error);
        return null;
    }
}
