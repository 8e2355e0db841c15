using IncidentBot.Queues;
using System.Text;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;
using IncidentBot.Outbox;
using IncidentBot.Slack;

namespace IncidentBot.Incidents;

/// <summary>
/// Postmortem action items: added, listed and completed from Slack, each change on the incident's
/// timeline and in its thread; overdue ones are reminded to their owner (once a day) by a job.
/// </summary>
public sealed class FollowUpService(IIncidentStore store, IncidentMessages messages, OutboxSignal signal, TimeProvider time, Microsoft.Extensions.Options.IOptions<Configuration.IncidentsOptions> options, ILogger<FollowUpService> logger)
{
    public const int MaxTextLength = 500;

    /// <summary>What is wrong with an action item's text, or null; pure, so it is checked before the request is accepted.</summary>
    public static string? CheckText(string text) =>
        text.Trim().Length > MaxTextLength ? $"Keep an action item under {MaxTextLength} characters; link to a ticket for details." : null;

    /// <summary>Adds an action item; with <paramref name="replyTo"/> the answer is queued in the same transaction (not for a replay).</summary>
    public async Task<string> AddAsync(long number, string owner, DateOnly due, string text, string user, string requestKey, CancellationToken cancellationToken, ReplyTo? replyTo = null)
    {
        text = text.Trim();
        if (CheckText(text) is { } problem)
        {
            return problem;
        }
        var reply = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(requestKey, now))
            {
                return "Already done.";
            }
            return await AnswerAsync(uow, replyTo, now, await AddLockedAsync(uow, now));
        }, cancellationToken);
        signal.Notify();
        return reply;

        async Task<string> AddLockedAsync(IIncidentUnitOfWork uow, DateTimeOffset now)
        {
            var incident = await uow.LoadForUpdateAsync(number);
            if (incident is null)
            {
                return IncidentService.NotFound(IncidentReference.Format(number));
            }
            if (incident.WhyNot(IncidentTrigger.AddActionItem) is { } refusal)
            {
                return refusal;
            }
            var item = await uow.AddActionItemAsync(new ActionItem
            {
                IncidentNumber = number,
                Owner = owner,
                DueDate = due,
                Text = text,
                CreatedBy = user,
                CreatedAt = now,
            });
            incident.Note(TimelineKind.Note, user, $"Action item #{item.Id} for {owner}, due {due:yyyy-MM-dd}: {text}", now);
            await uow.SaveAsync(incident);
            await uow.EnqueueAsync(IncidentService.Thread(messages.ActionItemNote(MessageTemplates.ActionItemAdded, ActionItemModel.Of(item, user))) with { IncidentNumber = number }, now);
            return $"Added action item #{item.Id} to {incident.Reference}.";
        }
    }

    /// <summary>Marks an action item done; with <paramref name="replyTo"/> the answer is queued in the same transaction (not for a replay).</summary>
    public async Task<string> CompleteAsync(long number, long id, string user, string requestKey, CancellationToken cancellationToken, ReplyTo? replyTo = null)
    {
        var reply = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(requestKey, now))
            {
                return "Already done.";
            }
            return await AnswerAsync(uow, replyTo, now, await CompleteLockedAsync(uow, now));
        }, cancellationToken);
        signal.Notify();
        return reply;

        async Task<string> CompleteLockedAsync(IIncidentUnitOfWork uow, DateTimeOffset now)
        {
            var item = await uow.LoadActionItemForUpdateAsync(id);
            if (item is null || item.IncidentNumber != number)
            {
                return $"{IncidentReference.Format(number)} has no action item #{id}. `/incident action {IncidentReference.Format(number)} list` shows them.";
            }
            if (item.Done)
            {
                return $"Action item #{id} was already done.";
            }
            var incident = await uow.LoadForUpdateAsync(number);
            if (incident!.WhyNot(IncidentTrigger.CompleteActionItem) is { } refusal)
            {
                return refusal;
            }
            await uow.SaveActionItemAsync(item with { Done = true, DoneAt = now });
            incident.Note(TimelineKind.Note, user, $"Action item #{id} done: {item.Text}", now);
            await uow.SaveAsync(incident);
            await uow.EnqueueAsync(IncidentService.Thread(messages.ActionItemNote(MessageTemplates.ActionItemDone, ActionItemModel.Of(item, user))) with { IncidentNumber = number }, now);
            return $"Action item #{id} of {incident.Reference} is done.";
        }
    }

    private static async Task<string> AnswerAsync(IIncidentUnitOfWork uow, ReplyTo? replyTo, DateTimeOffset now, string reply)
    {
        if (replyTo is not null)
        {
            await replyTo.QueueAsync(uow, reply, now);
        }
        return reply;
    }

    public async Task<string> ListAsync(long number, CancellationToken cancellationToken)
    {
        var items = await store.ListActionItemsAsync(number, cancellationToken);
        var reference = IncidentReference.Format(number);
        if (items.Count == 0)
        {
            return $"{reference} has no action items. Add one: `/incident action {reference} add @owner 2026-12-01 &lt;text&gt;`.";
        }
        var today = options.Value.Today(time.GetUtcNow());
        var text = new StringBuilder($"*Action items of {reference}*");
        foreach (var item in items)
        {
            var status = item.Done ? ":white_check_mark: done" : item.IsOverdue(today) ? ":red_circle: overdue" : ":white_circle: open";
            text.Append($"\n#{item.Id} {status} · {Mrkdwn.User(item.Owner)} · due {item.DueDate:yyyy-MM-dd} · {Mrkdwn.Escape(item.Text)}");
        }
        return text.ToString();
    }

    /// <summary>Reminds owners of overdue items, each at most once a day, in the incident's thread.</summary>
    public async Task<int> RemindOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = options.Value.Today(now);
        var overdue = await store.ListOverdueActionItemsAsync(today, now.AddHours(-23), 200, cancellationToken);
        var sent = 0;
        foreach (var candidate in overdue)
        {
            var queued = await store.ExecuteAsync(async uow =>
            {
                var item = await uow.LoadActionItemForUpdateAsync(candidate.Id);
                if (item is null || item.Done || (item.LastRemindedAt is { } last && last > now.AddHours(-23)))
                {
                    return false;
                }
                await uow.SaveActionItemAsync(item with { LastRemindedAt = now });
                return await uow.EnqueueAsync(IncidentService.Thread(messages.ActionItemNote(MessageTemplates.ActionItemOverdue, ActionItemModel.Of(item, Incident.SystemActor))) with
                {
                    IncidentNumber = item.IncidentNumber,
                    DedupKey = $"action-item/{item.Id}/{today:yyyy-MM-dd}",
                }, now);
            }, cancellationToken);
            sent += queued ? 1 : 0;
        }
        if (sent > 0)
        {
            logger.LogInformation("Reminded {Count} overdue action items", sent);
            signal.Notify();
        }
        return sent;
    }
}
