using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Catalog;
using IncidentBot.Domain.Ports;
using IncidentBot.Logging;
using IncidentBot.Messages;
using IncidentBot.Outbox;
using IncidentBot.Queues;
using IncidentBot.Scheduling;
using IncidentBot.Slack;
using Microsoft.Extensions.Options;

namespace IncidentBot.Incidents;

/// <summary>
/// The use cases. Each runs in one transaction that (1) records the inbound request key, so a
/// retried or replayed request changes nothing, (2) locks the incident row, (3) applies the domain
/// change, (4) saves it with its timeline and (5) queues the Slack messages it causes. Nothing here
/// calls Slack: the outbox worker does, after the commit.
/// </summary>
public sealed partial class IncidentService(
    IIncidentStore store,
    IncidentMessages messages,
    OutboxSignal signal,
    ScheduleSignal scheduleSignal,
    TimeProvider time,
    IOptions<IncidentsOptions> options,
    IOptions<PolicyOptions> policy,
    ILogger<IncidentService> logger,
    Catalog.CatalogService? catalog = null)
{
    /// <summary>A change to a locked incident: returns the reply and the thread messages it causes, or null for "nothing changed".</summary>
    public delegate Change? Mutation(Incident incident, DateTimeOffset now);

    public sealed record Change(string Reply, IReadOnlyList<OutboxMessage> Messages, bool HeadlineChanged = true);

    /// <summary>
    /// Declares an incident. With <paramref name="replyTo"/> the answer (<paramref name="describe"/> of
    /// the result) is queued in the same transaction; a replayed request queues nothing.
    /// </summary>
    public async Task<OpenResult> OpenAsync(OpenIncident request, string requestKey, CancellationToken cancellationToken = default, ReplyTo? replyTo = null, Func<OpenResult, string>? describe = null)
    {
        var now = time.GetUtcNow();
        // Words of the title that exactly name a catalog asset are affected assets too.
        var known = catalog is null ? DataCatalog.Empty : await catalog.GetAsync(cancellationToken);
        var declared = AssetNames.Split(request.AffectedAssets).Select(known.Find).ToHashSet();
        var affected = AssetNames.Merge(request.AffectedAssets, TitleAssets.In(known, request.Title).Where(word => !declared.Contains(known.Find(word))));
        // Validation happens before the transaction: bad input changes nothing.
        var incident = Incident.Declare(
            request.Title, request.Severity, request.Category, request.DeclaredBy, options.Value.Channel, now,
            request.Description, affected, request.Owner, request.DetectedAt, request.Impact);
        incident.SetDataWrongSince(request.DataWrongSince, request.DeclaredBy, now);

        var result = await store.ExecuteAsync(async uow =>
        {
            if (!await uow.TryRecordInboundAsync(requestKey, now))
            {
                return new OpenResult(OpenStatus.Replayed, null);
            }
            var duplicate = await uow.FindRecentDuplicateAsync(request.DeclaredBy, incident.Title, now - options.Value.DuplicateWindow);
            if (duplicate is not null)
            {
                return await AnswerAsync(uow, new OpenResult(OpenStatus.AlreadyOpen, duplicate));
            }
            await InsertDeclaredAsync(uow, incident, now);
            return await AnswerAsync(uow, new OpenResult(OpenStatus.Created, incident));

            async Task<OpenResult> AnswerAsync(IIncidentUnitOfWork uow, OpenResult outcome)
            {
                if (replyTo is not null && describe is not null)
                {
                    await replyTo.QueueAsync(uow, describe(outcome), now);
                }
                return outcome;
            }
        }, cancellationToken);

        if (result.Status == OpenStatus.Created)
        {
            using (logger.BeginIncidentScope(incident.Reference))
            {
                logger.LogInformation("Declared {Severity} {Category} by {User}", incident.Severity, incident.Category, request.DeclaredBy);
            }
            scheduleSignal.Notify();
        }
        if (result.Status != OpenStatus.Replayed)
        {
            signal.Notify();
        }
        return result;
    }

    /// <summary>
    /// Applies <paramref name="mutation"/> to incident <paramref name="number"/> under a row lock.
    /// <see cref="IncidentRuleException"/> passes through (and rolls back). With <paramref name="replyTo"/>
    /// the reply is queued in the same transaction (when <see cref="ReplyTo.Wants"/> it).
    /// </summary>
    public async Task<ChangeResult> ChangeAsync(long number, string requestKey, Mutation mutation, CancellationToken cancellationToken = default, ReplyTo? replyTo = null)
    {
        var reference = IncidentReference.Format(number);
        var result = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(requestKey, now))
            {
                return new ChangeResult(ChangeStatus.Replayed, null, "Already done.");
            }
            var incident = await uow.LoadForUpdateAsync(number);
            if (incident is null)
            {
                return await AnswerAsync(new ChangeResult(ChangeStatus.NotFound, null, NotFound(reference)));
            }
            var change = mutation(incident, now);
            if (change is null)
            {
                return await AnswerAsync(new ChangeResult(ChangeStatus.Unchanged, incident, "Nothing to change."));
            }
            var changed = incident.PendingTimeline.Count > 0 || change.HeadlineChanged || change.Messages.Count > 0;
            if (!changed)
            {
                return await AnswerAsync(new ChangeResult(ChangeStatus.Unchanged, incident, change.Reply));
            }
            await SaveChangedAsync(uow, incident, change.Messages, change.HeadlineChanged, now);
            return await AnswerAsync(new ChangeResult(ChangeStatus.Changed, incident, change.Reply));

            async Task<ChangeResult> AnswerAsync(ChangeResult outcome)
            {
                if (replyTo?.Wants(outcome.Status) == true)
                {
                    await replyTo.QueueAsync(uow, outcome.Reply, now);
                }
                return outcome;
            }
        }, cancellationToken);

        if (result.Status == ChangeStatus.Changed)
        {
            using (logger.BeginIncidentScope(reference))
            {
                logger.LogInformation("Changed: {Reply}", result.Reply);
            }
            scheduleSignal.Notify();
        }
        if (result.Status != ChangeStatus.Replayed)
        {
            signal.Notify();
        }
        return result;
    }

    /// <summary>
    /// Inserts a declared incident with what a declaration queues: its headline, impact notices not yet
    /// sent, and the request to schedule its reminders. Inside the caller's transaction.
    /// </summary>
    public async Task InsertDeclaredAsync(IIncidentUnitOfWork uow, Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(uow);
        ArgumentNullException.ThrowIfNull(incident);
        var radius = incident.TellBlastRadius(messages.RadiusOf(incident), now);
        var impact = MarkImpact(incident, now);
        await uow.InsertAsync(incident);
        await uow.EnqueueAsync(new OutboxMessage { IncidentNumber = incident.Number, Kind = OutboxKind.PostHeadline, Channel = incident.Channel }, now);
        await EnqueueBlastRadiusAsync(uow, incident, radius, now);
        await EnqueueImpactAsync(uow, incident, impact, now);
        await uow.RequestScheduleAsync(incident.Number, now);
    }

    /// <summary>
    /// Saves a changed incident with what a change queues: <paramref name="threadMessages"/> in its thread,
    /// impact notices not yet sent, the schedule request and (when it changed) the headline's edit.
    /// Inside the caller's transaction.
    /// </summary>
    public async Task SaveChangedAsync(IIncidentUnitOfWork uow, Incident incident, IReadOnlyList<OutboxMessage> threadMessages, bool headlineChanged, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(uow);
        ArgumentNullException.ThrowIfNull(incident);
        var radius = incident.TellBlastRadius(messages.RadiusOf(incident), now);
        var impact = MarkImpact(incident, now);
        await uow.SaveAsync(incident);
        foreach (var message in threadMessages)
        {
            await uow.EnqueueAsync(message with { IncidentNumber = incident.Number }, now);
        }
        await EnqueueBlastRadiusAsync(uow, incident, radius, now);
        await EnqueueImpactAsync(uow, incident, impact, now);
        await uow.RequestScheduleAsync(incident.Number, now);
        if (headlineChanged)
        {
            await uow.EnqueueAsync(new OutboxMessage { IncidentNumber = incident.Number, Kind = OutboxKind.UpdateHeadline }, now);
        }
    }

    /// <summary>Wakes the workers after a commit that queued messages and (with <paramref name="scheduled"/>) changed what is due.</summary>
    public void Committed(bool scheduled)
    {
        if (scheduled)
        {
            scheduleSignal.Notify();
        }
        signal.Notify();
    }

    /// <summary>Queues an answer on its own (the request changed nothing, e.g. it broke a rule); a second answer to the same request is not queued.</summary>
    public async Task AnswerAsync(ReplyTo replyTo, string mrkdwn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replyTo);
        if (await store.ExecuteAsync(uow => replyTo.QueueAsync(uow, mrkdwn, time.GetUtcNow()), cancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>Queues an ephemeral message (e.g. the answer to a button click that could not be applied).</summary>
    public async Task TellAsync(string channel, string user, string mrkdwn, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await store.ExecuteAsync(
            uow => uow.EnqueueAsync(new OutboxMessage { Kind = OutboxKind.PostEphemeral, Channel = channel, User = user, Text = mrkdwn }, now),
            cancellationToken);
        signal.Notify();
    }

    /// <summary>Impact flags not yet notified: marks them (timeline) and returns them; the messages follow once the incident has its number.</summary>
    private List<(ImpactFlags Flag, string Notify)> MarkImpact(Incident incident, DateTimeOffset now)
    {
        var marked = new List<(ImpactFlags, string)>();
        foreach (var flag in new[] { ImpactFlags.Revenue, ImpactFlags.CustomerFacing, ImpactFlags.Regulatory, ImpactFlags.Security })
        {
            if (incident.ImpactToNotify.HasFlag(flag))
            {
                var notify = policy.Value.ImpactNotify.For(flag);
                incident.MarkImpactNotified(flag, notify, now);
                marked.Add((flag, notify));
            }
        }
        return marked;
    }

    /// <summary>The thread's note on the blast radius (list, owners newly hit, impact reasons), once per news: its dedup key names what it tells.</summary>
    private async Task EnqueueBlastRadiusAsync(IIncidentUnitOfWork uow, Incident incident, BlastRadiusNews? news, DateTimeOffset now)
    {
        if (news is null)
        {
            return;
        }
        await uow.EnqueueAsync(Thread(messages.BlastRadiusNote(incident, news)) with
        {
            IncidentNumber = incident.Number,
            DedupKey = $"{incident.Reference}/blast-radius/{news.Radius.Fingerprint}/{incident.OwnersTold?.Split('\n').Length ?? 0}",
        }, now);
    }

    private async Task EnqueueImpactAsync(IIncidentUnitOfWork uow, Incident incident, List<(ImpactFlags Flag, string Notify)> impact, DateTimeOffset now)
    {
        foreach (var (flag, notify) in impact)
        {
            await uow.EnqueueAsync(Thread(messages.Impact(incident, flag, notify), broadcast: true) with
            {
                IncidentNumber = incident.Number,
                DedupKey = $"{incident.Reference}/impact/{flag}",
            }, now);
        }
    }

    public static string NotFound(string reference) =>
        $"There is no incident {reference}. `/incident status` lists the open ones.";
}
