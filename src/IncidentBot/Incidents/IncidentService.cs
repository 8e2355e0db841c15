using IncidentBot.Configuration;
using IncidentBot.Domain;
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
public sealed class IncidentService(
    IIncidentStore store,
    IncidentMessages messages,
    OutboxSignal signal,
    ScheduleSignal scheduleSignal,
    TimeProvider time,
    IOptions<IncidentsOptions> options,
    IOptions<PolicyOptions> policy,
    ILogger<IncidentService> logger)
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
        // Validation happens before the transaction: bad input changes nothing.
        var incident = Incident.Declare(
            request.Title, request.Severity, request.Category, request.DeclaredBy, options.Value.Channel, now,
            request.Description, request.AffectedAssets, request.Owner, request.DetectedAt, request.Impact);

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
            var impact = MarkImpact(incident, now);
            await uow.InsertAsync(incident);
            await uow.EnqueueAsync(new OutboxMessage { IncidentNumber = incident.Number, Kind = OutboxKind.PostHeadline, Channel = incident.Channel }, now);
            await EnqueueImpactAsync(uow, incident, impact, now);
            await uow.RequestScheduleAsync(incident.Number, now);
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
            var impact = MarkImpact(incident, now);
            await uow.SaveAsync(incident);
            foreach (var message in change.Messages)
            {
                await uow.EnqueueAsync(message with { IncidentNumber = incident.Number }, now);
            }
            await EnqueueImpactAsync(uow, incident, impact, now);
            await uow.RequestScheduleAsync(incident.Number, now);
            if (change.HeadlineChanged)
            {
                await uow.EnqueueAsync(new OutboxMessage { IncidentNumber = incident.Number, Kind = OutboxKind.UpdateHeadline }, now);
            }
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

    // The mutations the commands and buttons share.

    public Mutation Acknowledge(string user) => (incident, now) =>
    {
        var outcome = incident.Acknowledge(user, now);
        if (!outcome.Changed)
        {
            var by = outcome.Responder == user ? "you" : Mrkdwn.User(outcome.Responder);
            return new Change($"{incident.Reference} is already acknowledged by {by} ({SlackTime.Format(outcome.At)}); they own it. Coordinate in the incident's thread.", [], HeadlineChanged: false);
        }
        return new Change(
            $"You acknowledged {incident.Reference}; you are its responder now.",
            [Thread(messages.LifecycleNote(MessageTemplates.Acknowledged, new LifecycleNoteModel { Reference = incident.Reference, By = user }))]);
    };

    public Mutation ChangeSeverity(Severity severity, string user) => (incident, now) =>
    {
        var old = incident.Severity;
        if (!incident.ChangeSeverity(severity, user, now))
        {
            return new Change($"{incident.Reference} is already {severity.Code()}.", [], HeadlineChanged: false);
        }
        var raised = severity < old;
        return new Change(
            $"{incident.Reference} is now {severity.Code()} ({severity.Label()}).",
            [Thread(messages.LifecycleNote(MessageTemplates.SeverityChanged, new LifecycleNoteModel
            {
                Reference = incident.Reference, By = user, From = old.Code(), To = severity.Code(), ToLabel = severity.Label(), Emoji = severity.Emoji(), Meaning = severity.Meaning(),
            }), broadcast: raised && severity.IsHigh())]);
    };

    public Mutation PostUpdate(string text, string user, FixStatus? fixStatus = null, string? eta = null, bool? rootCause = null) => (incident, now) =>
    {
        var before = UpdateFields.Of(incident);
        incident.PostUpdate(text, user, now, fixStatus, eta, rootCause);
        var message = messages.Update(incident, user, text.Trim(), now, before);
        return new Change($"Update posted to {incident.Reference}'s thread.", [Thread(message, broadcast: incident.Severity.IsHigh())]);
    };

    public Mutation Snooze(TimeSpan span, string user) => (incident, now) =>
    {
        incident.Snooze(span, user, now);
        return new Change($"Update reminders for {incident.Reference} are snoozed for {SlackTime.Duration(span)}.", [], HeadlineChanged: false);
    };

    public Mutation AddImpact(ImpactFlags impact, string user) => (incident, now) =>
    {
        var added = incident.AddImpact(impact, user, now);
        return added == ImpactFlags.None
            ? new Change($"{incident.Reference} already has that business impact.", [], HeadlineChanged: false)
            : new Change($"{incident.Reference} business impact: {incident.Impact}. The groups for it are notified in the thread.", [], HeadlineChanged: false);
    };

    /// <summary>Resolves with the runbook's fields: the resolution goes to the thread and the channel; the schedule sync stops every reminder and escalation.</summary>
    public Mutation Resolve(Resolution resolution, string user) => (incident, now) =>
    {
        incident.Resolve(resolution, user, now, policy.Value.ToPostmortemDue());
        var message = messages.Resolution(new ResolutionModel
        {
            Reference = incident.Reference,
            Severity = incident.Severity.Code(),
            Title = incident.Title,
            ResolvedBy = user,
            Summary = incident.ResolutionSummary!,
            RootCause = incident.RootCause,
            FixApplied = incident.FixApplied,
            VerifiedAt = incident.VerifiedAt,
            HowVerified = incident.HowVerified,
            DataState = incident.DataState ?? "not stated",
            DataComplete = DataStates.IsComplete(incident.DataState),
            Duration = SlackTime.Duration(now - incident.DetectedAt),
            PostmortemDue = incident.PostmortemDueAt,
            PostmortemUrl = messages.PostmortemUrl(incident.Reference),
        });
        return new Change($"{incident.Reference} resolved after {SlackTime.Duration(now - incident.DetectedAt)}.", [Thread(message, broadcast: true)]);
    };

    /// <summary><c>/incident resolve INC-n &lt;summary&gt;</c>: resolve with a summary only; a postmortem is expected for P0/P1.</summary>
    public Mutation ResolveQuick(string summary, string user) => (incident, now) =>
        Resolve(new Resolution(summary, null, null, null, null, null, incident.Severity.IsHigh()), user)(incident, now);

    public Mutation Cancel(string user, string? reason, long? duplicateOf) => (incident, now) =>
    {
        incident.CancelIncident(user, now, reason, duplicateOf);
        var why = duplicateOf is { } d ? $"a duplicate of {IncidentReference.Format(d)}" : string.IsNullOrWhiteSpace(reason) ? "a false alarm" : Mrkdwn.Escape(reason.Trim());
        return new Change(
            $"{incident.Reference} cancelled ({why}).",
            [Thread(messages.LifecycleNote(MessageTemplates.Cancelled, new LifecycleNoteModel
            {
                Reference = incident.Reference, By = user, Note = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), DuplicateOf = duplicateOf is { } dup ? IncidentReference.Format(dup) : null,
            }))]);
    };

    public Mutation CompletePostmortem(string link, string user) => (incident, now) =>
    {
        incident.CompletePostmortem(link, user, now);
        return new Change(
            $"{incident.Reference} closed with its postmortem.",
            [Thread(messages.LifecycleNote(MessageTemplates.PostmortemRecorded, new LifecycleNoteModel { Reference = incident.Reference, By = user, Note = link.Trim() }))]);
    };

    public Mutation Fire(IncidentTrigger trigger, string user, string? note = null) => (incident, now) =>
    {
        if (trigger == IncidentTrigger.Acknowledge)
        {
            return Acknowledge(user)(incident, now);
        }
        var before = incident.State;
        incident.Fire(trigger, user, now, note);
        return new Change(
            $"{incident.Reference}: {before} -> {incident.State}.",
            [Thread(messages.LifecycleNote(MessageTemplates.Transition, new LifecycleNoteModel
            {
                Reference = incident.Reference, By = user, From = before.ToString(), To = incident.State.ToString(), Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            }))]);
    };

    public static OutboxMessage Thread(SlackMessage message, bool broadcast = false) => new()
    {
        Kind = OutboxKind.PostInThread,
        Text = message.Text,
        BlocksJson = message.Blocks.ToJsonString(),
        Broadcast = broadcast,
    };
}
