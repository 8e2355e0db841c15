using IncidentBot.Domain;
using IncidentBot.Slack;

namespace IncidentBot.Messages;

/// <summary>Messages about the postmortem and its action items.</summary>
public static class PostmortemMessages
{
    public static SlackMessage Reminder(Incident incident, string draftUrl) => IncidentMessages.Note(
        $":memo: {Mrkdwn.User(incident.ResponsibleUser)}, the postmortem for *{incident.Reference}* ({incident.Severity.Code()}) is due"
        + (incident.PostmortemDueAt is { } due ? $" ({SlackTime.Format(due)})" : "")
        + $". The draft built from the timeline is at {Mrkdwn.Escape(draftUrl)}. When it is written: `/incident postmortem {incident.Reference} done &lt;link&gt;`.");

    public static SlackMessage ActionItemOverdue(ActionItem item) => IncidentMessages.Note(
        $":hourglass: {Mrkdwn.User(item.Owner)}, action item #{item.Id} of {IncidentReference.Format(item.IncidentNumber)} was due {item.DueDate:yyyy-MM-dd}: {Mrkdwn.Escape(item.Text)}. Done? `/incident action {IncidentReference.Format(item.IncidentNumber)} done {item.Id}`");
}
