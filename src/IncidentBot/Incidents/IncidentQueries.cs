using System.Text;
using System.Text.Json.Nodes;
using IncidentBot.Domain;
using IncidentBot.Domain.Policy;
using IncidentBot.Domain.Ports;
using IncidentBot.Messages;
using IncidentBot.Slack;

namespace IncidentBot.Incidents;

/// <summary>Read-only answers for <c>/incident status</c>. Bounded: never reads more than a page of incidents.</summary>
public sealed class IncidentQueries(IIncidentStore store, IncidentMessages messages, IncidentPolicy policy, TimeProvider time)
{
    public const int ListLimit = 20;
    private const int TimelineShown = 8;

    public Task<Incident?> FindAsync(long number, CancellationToken cancellationToken) => store.FindAsync(number, cancellationToken);

    /// <summary>The headline (without buttons) plus the latest timeline entries.</summary>
    public async Task<JsonArray> DetailAsync(Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var headline = messages.Headline(incident, now);
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
        if (incident.HeadlineTs is { } ts && !incident.Channel.StartsWith('#'))
        {
            blocks.Add(BlockKit.Context($"<https://slack.com/archives/{incident.Channel}/p{ts.Replace(".", "", StringComparison.Ordinal)}|Open the incident's thread>"));
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
}
