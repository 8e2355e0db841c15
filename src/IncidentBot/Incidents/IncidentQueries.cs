using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;
using IncidentBot.Slack;

namespace IncidentBot.Incidents;

/// <summary>Read-only answers for <c>/incident status</c>. Bounded: never reads more than a page of incidents.</summary>
public sealed class IncidentQueries(IIncidentStore store, IMessageLinks links, IncidentMessages messages, IncidentPolicy policy, TimeProvider time)
{
    public const int ListLimit = 20;
    private const int TimelineShown = 8;

    public Task<Incident?> FindAsync(long number, CancellationToken cancellationToken) => store.FindAsync(number, cancellationToken);

    /// <summary>The headline (without buttons) plus the latest timeline entries.</summary>
    public async Task<JsonArray> DetailAsync(Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var headline = messages.Headline(incident, now);
        SlackApi.UserNames.MentionsForTheAsker(headline.Blocks);
        var blocks = headline.Blocks
            .Select(b => b!.DeepClone().AsObject())
            .Where(b => (string?)b["type"] != "actions")
            .ToList();
        var plan = policy.Plan(incident);
        if (plan.NextReminder is not null || plan.Escalations.Count > 0)
        {
            var due = new StringBuilder();
            if (plan.NextReminder is { } reminder)
            {
                due.Append("*Next update reminder:* ").Append(SlackTime.Format(reminder)).Append(" to ").Append(Mrkdwn.User(incident.ResponsibleUser));
                if (incident.SnoozedUntil is { } snoozed && snoozed > now)
                {
                    due.Append(" (snoozed)");
                }
            }
            foreach (var pending in plan.Escalations)
            {
                due.Append(due.Length > 0 ? "\n" : "").Append("*Escalation* ").Append(Mrkdwn.Escape(pending.Rule.Name)).Append(": ").Append(SlackTime.Format(pending.DueAt))
                    .Append(" unless ").Append(pending.Rule.When switch
                    {
                        EscalationCondition.NotAcknowledged => "acknowledged",
                        EscalationCondition.NoUpdate => "updated",
                        _ => "resolved",
                    }).Append(" before");
            }
            blocks.Add(BlockKit.Section(due.ToString()));
        }
        var timeline = await store.GetTimelineAsync(incident.Number, cancellationToken);
        if (timeline.Count > 0)
        {
            var lines = new StringBuilder("*Timeline*");
            foreach (var entry in timeline.TakeLast(TimelineShown))
            {
                lines.Append('\n').Append(SlackTime.Format(entry.At)).Append(" · ").Append(Mrkdwn.User(entry.Actor)).Append(" · ").Append(Mrkdwn.Escape(Mrkdwn.Truncate(entry.Text, 200)));
            }
            if (timeline.Count > TimelineShown)
            {
                lines.Append($"\n_{timeline.Count - TimelineShown} earlier entries not shown_");
            }
            blocks.Add(BlockKit.Section(lines.ToString()));
        }
        // The link Slack gave (chat.getPermalink, asked when the headline was posted): a hand-built one breaks on Enterprise Grid.
        if (incident.HeadlineTs is { } ts && await links.FindAsync(incident.Channel, ts, cancellationToken) is { } permalink)
        {
            blocks.Add(BlockKit.Context($"<{permalink}|Open the incident's thread>"));
        }
        return BlockKit.Blocks(blocks);
    }

    /// <summary>One line per active incident, most severe first.</summary>
    public async Task<string> ActiveSummaryAsync(CancellationToken cancellationToken)
    {
        var active = await store.ListActiveAsync(ListLimit + 1, cancellationToken);
        if (active.Count == 0)
        {
            return ":white_check_mark: No open incidents. Declare one with `/incident open [P0-P3] &lt;title&gt;`.";
        }
        var now = time.GetUtcNow();
        var text = new StringBuilder($"*Open incidents* ({(active.Count > ListLimit ? $"first {ListLimit}" : active.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))})");
        foreach (var incident in active.Take(ListLimit))
        {
            text.Append('\n')
                .Append(incident.Severity.Emoji()).Append(" *").Append(incident.Reference).Append("* ")
                .Append(incident.Severity.Code()).Append(" · ").Append(incident.State.DisplayName()).Append(" · ")
                .Append(Mrkdwn.User(incident.ResponsibleUser)).Append(" · ")
                .Append(SlackTime.Duration(now - incident.DetectedAt)).Append(" old · ")
                .Append(Mrkdwn.Escape(Mrkdwn.Truncate(incident.Title, 120)));
        }
        text.Append("\n`/incident status INC-n` for details.");
        return text.ToString();
    }

    /// <summary><c>/incident list [open|all]</c>: state, severity, owner, age.</summary>
    public async Task<string> ListAsync(bool all, CancellationToken cancellationToken)
    {
        var incidents = await store.ListAsync(!all, ListLimit + 1, cancellationToken);
        if (incidents.Count == 0)
        {
            return all ? "No incidents yet." : ":white_check_mark: No open incidents. `/incident list all` shows past ones.";
        }
        var now = time.GetUtcNow();
        var text = new StringBuilder(all ? "*Incidents, newest first*" : "*Open incidents, most severe first*");
        foreach (var incident in incidents.Take(ListLimit))
        {
            text.Append('\n').Append(incident.Severity.Emoji()).Append(" *").Append(incident.Reference).Append("* ")
                .Append(incident.Severity.Code()).Append(" · ").Append(incident.State).Append(" · ")
                .Append(Mrkdwn.User(incident.ResponsibleUser)).Append(" · ")
                .Append(SlackTime.Duration((incident.ResolvedAt ?? incident.ClosedAt ?? now) - incident.DetectedAt))
                .Append(incident.IsActive ? " old · " : " long · ")
                .Append(Mrkdwn.Escape(Mrkdwn.Truncate(incident.Title, 100)));
        }
        if (incidents.Count > ListLimit)
        {
            text.Append($"\n_Only the first {ListLimit} are shown._");
        }
        return text.ToString();
    }

    /// <summary><c>/incident stats [7d|30d|90d]</c>: the runbook's metrics over the window.</summary>
    public async Task<string> StatsAsync(int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-days);
        var history = await store.ListDeclaredSinceAsync(since - IncidentStatistics.RepeatWindow, cancellationToken);
        var window = history.Where(i => i.DeclaredAt >= since).ToList();
        var ackTarget = policy.AcknowledgeWithin;
        var stats = IncidentStatistics.Compute(window, history, ackTarget);
        return StatsText(stats, days, ackTarget);
    }

    public static string StatsText(IncidentStats stats, int days, TimeSpan ackTarget)
    {
        var text = new StringBuilder($"*Incidents in the last {days} days: {stats.Total}*");
        if (stats.Total == 0)
        {
            return text.Append("\nNothing to measure yet.").ToString();
        }
        text.Append("\n*By severity:* ").Append(string.Join(" · ", stats.BySeverity.Where(p => p.Value > 0).Select(p => $"{p.Key.Code()} {p.Value}")));
        text.Append("\n*By category:* ").Append(string.Join(" · ", stats.ByCategory.Where(p => p.Value > 0).Select(p => $"{p.Key.DisplayName()} {p.Value}")));
        if (stats.MttdMedian is not null)
        {
            text.Append("\n*MTTD* (data wrong → detected): median ").Append(Span(stats.MttdMedian)).Append(", p90 ").Append(Span(stats.MttdP90))
                .Append(stats.DetectedLate > 0 ? System.FormattableString.Invariant($"; {stats.DetectedLate} detected more than {SlackTime.Duration(IncidentStatistics.DetectWithin)} after the data went wrong") : "");
        }
        text.Append("\n*MTTA* (detected → acknowledged): median ").Append(Span(stats.MttaMedian)).Append(", p90 ").Append(Span(stats.MttaP90));
        text.Append("\n*MTTR* (detected → resolved): median ").Append(Span(stats.MttrMedian)).Append(", p90 ").Append(Span(stats.MttrP90));
        text.Append(System.FormattableString.Invariant($"\n*Escalation rate:* {stats.EscalationRate:P0} ({stats.Escalated} of {stats.Total})"));
        text.Append(System.FormattableString.Invariant($"\n*Repeat incidents* (same category and asset within 30 days): {stats.Repeats}"));
        text.Append(System.FormattableString.Invariant($"\n*SLA compliance* (detected within {SlackTime.Duration(IncidentStatistics.DetectWithin)} where known, acknowledged within {SlackTime.Duration(ackTarget)}, updates on time): {stats.SlaCompliance:P0} ({stats.SlaMet} of {stats.SlaEligible})"));
        return text.ToString();
    }

    private static string Span(TimeSpan? span) => span is { } s ? SlackTime.Duration(s) : "n/a";
}
