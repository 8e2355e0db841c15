using System.Globalization;
using System.Text;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Queues;
using IncidentBot.Slack;

namespace IncidentBot.Alerts;

/// <summary>
/// Maintenance silences (<c>/incident silence</c>, <c>silences</c>, <c>unsilence</c>): adding and ending
/// one goes through the alerts' inbox lane, so an alert stored after the command sees it.
/// </summary>
public sealed class AlertSilences(IAlertStore store, OutboxSignal signal, TimeProvider time)
{
    /// <summary>The longest silence: a maintenance window, not a way to mute a check for good.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);

    /// <summary>How long ended and expired silences stay in the list.</summary>
    public static readonly TimeSpan ListedAfterEnd = TimeSpan.FromDays(1);

    public async Task AddAsync(string matcher, TimeSpan duration, string? reason, string user, ReplyTo replyTo, CancellationToken cancellationToken)
    {
        var queued = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(replyTo.RequestKey, now))
            {
                return false;
            }
            var silence = await uow.AddSilenceAsync(new AlertSilence { Matcher = matcher, Until = now + duration, Reason = reason, CreatedBy = user, CreatedAt = now });
            return await replyTo.QueueAsync(uow,
                $":mute: Silence #{silence.Id}: alerts for `{Escape(matcher)}` declare and post nothing until {SlackTime.Format(silence.Until)} ({SlackTime.Duration(duration)}); they are still counted. End it early with `/incident unsilence {silence.Id}`.",
                now);
        }, cancellationToken);
        if (queued)
        {
            signal.Notify();
        }
    }

    public async Task EndAsync(long id, ReplyTo replyTo, CancellationToken cancellationToken)
    {
        var queued = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(replyTo.RequestKey, now))
            {
                return false;
            }
            var ended = await uow.EndSilenceAsync(id, now);
            return await replyTo.QueueAsync(uow, ended
                ? $":loud_sound: Silence #{id} ended: its alerts open and join incidents again."
                : $"There is no running silence #{id}. `/incident silences` lists them.", now);
        }, cancellationToken);
        if (queued)
        {
            signal.Notify();
        }
    }

    /// <summary>The running silences, and those that ended within <see cref="ListedAfterEnd"/>, with what each kept quiet.</summary>
    public async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silences = await store.ListSilencesAsync(now, ListedAfterEnd, cancellationToken);
        if (silences.Count == 0)
        {
            return "No silences. `/incident silence <asset or fingerprint> <duration> [reason]` adds one, e.g. `/incident silence analytics.marts.fct_sales 2h backfill`.";
        }
        var text = new StringBuilder("*Alert silences*");
        foreach (var s in silences)
        {
            var state = s.IsActive(now)
                ? $"until {SlackTime.Format(s.Until)} (in {SlackTime.Duration(s.Until - now)})"
                : s.EndedAt is { } ended ? $"ended {SlackTime.Format(ended)}" : $"expired {SlackTime.Format(s.Until)}";
            text.Append(CultureInfo.InvariantCulture, $"\n• #{s.Id} `{Escape(s.Matcher)}` {state}, by {Mrkdwn.User(s.CreatedBy)}")
                .Append(s.Reason is { } reason ? $": {Mrkdwn.Escape(reason)}" : "")
                .Append(CultureInfo.InvariantCulture, $" · {s.Silenced} alert{(s.Silenced == 1 ? "" : "s")} silenced");
        }
        return text.ToString();
    }

    private static string Escape(string matcher) => Mrkdwn.Escape(matcher).Replace("`", "'", StringComparison.Ordinal);
}
