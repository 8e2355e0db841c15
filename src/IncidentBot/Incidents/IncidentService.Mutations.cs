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

/// <summary>The changes the commands and buttons share, each a <see cref="Mutation"/> that <see cref="ChangeAsync"/> applies under the incident's lock.</summary>
public sealed partial class IncidentService
{
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

    public Mutation PostUpdate(string text, string user, FixStatus? fixStatus = null, string? eta = null, bool? rootCause = null, string? affected = null) => (incident, now) =>
    {
        var before = UpdateFields.Of(incident);
        if (affected is not null)
        {
            incident.ReplaceAssets(Domain.Alerts.AssetNames.Split(affected), user, now, messages.Catalog);
        }
        incident.PostUpdate(text, user, now, fixStatus, eta, rootCause);
        var message = messages.Update(incident, user, text.Trim(), now, before);
        return new Change($"Update posted to {incident.Reference}'s thread.", [Thread(message, broadcast: incident.Severity.IsHigh())]);
    };

    public Mutation Snooze(TimeSpan span, string user) => (incident, now) =>
    {
        incident.Snooze(span, user, now);
        return new Change($"Update reminders for {incident.Reference} are snoozed for {SlackTime.Duration(span)}.", [], HeadlineChanged: false);
    };

    /// <summary>Adds and removes affected assets; the headline, its hold-off line, the blast radius and the owners told follow (see <see cref="SaveChangedAsync"/>).</summary>
    public Mutation ChangeAssets(IReadOnlyList<string> add, IReadOnlyList<string> remove, string user) => (incident, now) =>
    {
        var catalog = messages.Catalog;
        if (!incident.ChangeAssets(add, remove, user, now, catalog))
        {
            return new Change($"{incident.Reference} already lists that: affected {incident.AffectedAssets ?? "nothing yet"}.", [], HeadlineChanged: false);
        }
        var unknown = add.Where(a => catalog.Find(a) is null).ToList();
        return new Change(
            $"{incident.Reference} affected assets: {incident.AffectedAssets ?? "none"}." + (unknown.Count > 0 && !catalog.IsEmpty ? $" Not in the dbt catalog (no blast radius for them): {string.Join(", ", unknown)}." : ""),
            [],
            HeadlineChanged: true);
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
