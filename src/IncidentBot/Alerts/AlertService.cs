using IncidentBot.Configuration;
using IncidentBot.Domain;
using IncidentBot.Domain.Alerts;
using IncidentBot.Domain.Lifecycle;
using IncidentBot.Domain.Ports;
using IncidentBot.Incidents;
using IncidentBot.Logging;
using IncidentBot.Messages;
using Microsoft.Extensions.Options;

namespace IncidentBot.Alerts;

/// <summary>What one signal did.</summary>
public enum AlertOutcome
{
    /// <summary>This very signal was applied before (a redelivery, or the inbox item retried).</summary>
    Replayed,

    /// <summary>A silence matched: counted, nothing else.</summary>
    Silenced,

    /// <summary>A passing signal for a check no active incident has: nothing to do.</summary>
    Ignored,

    Declared,
    Joined,
    Repeated,
    Passed,
    Reopened,
}

/// <summary>
/// Turns alert signals into incidents, one problem one incident: a firing check joins the active
/// incident that has it (or, grouping by asset, one that lists one of its assets), reopens one
/// resolved within <see cref="AlertsOptions.ReopenWindow"/>, or declares a new one. Repeats are
/// counted and noted at most once per <see cref="AlertsOptions.RepeatNoteEvery"/>; a check passing
/// again is noted once, and when all pass the owner is asked to verify and resolve (never resolved
/// here). Each signal is one transaction keyed by its delivery, so a retry changes nothing; the
/// inbox applies alerts one at a time across replicas (<see cref="AlertIntake.Lane"/>), so two
/// deliveries of one problem never both declare.
/// </summary>
public sealed class AlertService(
    IAlertStore store,
    IncidentService incidents,
    IncidentMessages messages,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    IOptions<IncidentsOptions> incidentOptions,
    ILogger<AlertService> logger)
{
    /// <summary>Active incidents looked through for a shared asset.</summary>
    public const int ActiveLimit = 1000;

    public async Task<AlertOutcome> ApplyAsync(AlertSignal signal, string key, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var (outcome, number) = await store.ExecuteAsync(async uow =>
        {
            var now = time.GetUtcNow();
            if (!await uow.TryRecordInboundAsync(key, now))
            {
                return (AlertOutcome.Replayed, (long?)null);
            }
            var silence = (await uow.ActiveSilencesAsync(now)).FirstOrDefault(s => s.Matches(signal.Fingerprint, signal.Assets, messages.Catalog));
            if (silence is not null)
            {
                await uow.CountSilencedAsync(silence.Id);
                return (AlertOutcome.Silenced, null);
            }
            var check = await uow.FindActiveCheckAsync(signal.Fingerprint);
            if (signal.Status == AlertStatus.Resolved)
            {
                return check is null ? (AlertOutcome.Ignored, null) : (AlertOutcome.Passed, await PassAsync(uow, check, now));
            }
            if (check is not null)
            {
                return (AlertOutcome.Repeated, await RepeatAsync(uow, check, signal, now));
            }
            if (options.Value.GroupBy == AlertGrouping.Asset && signal.Assets.Count > 0
                && (await uow.ListActiveAsync(ActiveLimit)).FirstOrDefault(i => i.ListsAnyAsset(signal.Assets, messages.Catalog)) is { } sharing)
            {
                return (AlertOutcome.Joined, await JoinAsync(uow, sharing.Number, signal, now));
            }
            if (options.Value.ReopenWindow > TimeSpan.Zero && await uow.FindResolvedWithCheckAsync(signal.Fingerprint, now - options.Value.ReopenWindow) is { } resolved)
            {
                return (AlertOutcome.Reopened, await ReopenAsync(uow, resolved, signal, now));
            }
            return (AlertOutcome.Declared, await DeclareAsync(uow, signal, receivedAt, now));
        }, cancellationToken);

        using (logger.BeginIncidentScope(number is { } n ? IncidentReference.Format(n) : "-"))
        {
            logger.LogInformation("Alert {Fingerprint} ({Status}) from {Source}: {Outcome}", signal.Fingerprint, signal.Status, signal.Source, outcome);
        }
        if (outcome is not (AlertOutcome.Replayed or AlertOutcome.Silenced or AlertOutcome.Ignored))
        {
            incidents.Committed(scheduled: outcome is AlertOutcome.Declared or AlertOutcome.Reopened);
        }
        return outcome;
    }

    private async Task<long> DeclareAsync(IAlertUnitOfWork uow, AlertSignal signal, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        var detected = signal.ObservedAt is { } observed && observed <= now ? observed : receivedAt <= now ? receivedAt : now;
        var incident = Incident.Declare(
            signal.Title,
            signal.Severity ?? options.Value.Default,
            signal.Category ?? CategoryGuess.FromTitle(signal.Title),
            signal.DetectedBy,
            incidentOptions.Value.Channel,
            now,
            description: Describe(signal),
            affectedAssets: AssetNames.Merge(null, signal.Assets, messages.Catalog),
            owner: signal.Owner,
            detectedAt: detected);
        incident.RecordDetection(signal.DetectedBy, signal.DataWrongSince, now);
        incident.CountChecks(failing: 1, passing: 0);
        await incidents.InsertDeclaredAsync(uow, incident, now);
        await uow.SaveCheckAsync(AlertCheck.Start(incident.Number, signal.Fingerprint, signal.DetectedBy, signal.Title, signal.Url, now));
        return incident.Number;
    }

    private async Task<long> JoinAsync(IAlertUnitOfWork uow, long number, AlertSignal signal, DateTimeOffset now)
    {
        var incident = await LoadAsync(uow, number);
        await uow.SaveCheckAsync(AlertCheck.Start(number, signal.Fingerprint, signal.DetectedBy, signal.Title, signal.Url, now));
        incident.AddAssets(signal.Assets, signal.DetectedBy, now, messages.Catalog);
        incident.RecordDetection(null, signal.DataWrongSince, now);
        incident.Note(TimelineKind.Note, signal.DetectedBy, $"Check joined: {signal.Title}", now);
        await RecountAsync(uow, incident);
        await SaveAsync(uow, incident, Note(incident, AlertCheckModel.Joined, signal.Title, signal.DetectedBy) with { Details = signal.Details, Url = signal.Url }, now);
        return number;
    }

    private async Task<long> RepeatAsync(IAlertUnitOfWork uow, AlertCheck check, AlertSignal signal, DateTimeOffset now)
    {
        var (fired, note) = check.FiredAgain(now, options.Value.RepeatNoteEvery);
        await uow.SaveCheckAsync(fired with { Url = signal.Url ?? check.Url });
        if (note == RepeatNote.None)
        {
            return check.IncidentNumber;
        }
        var incident = await LoadAsync(uow, check.IncidentNumber);
        if (note == RepeatNote.Due)
        {
            // Counted on the check only: the headline does not change, the thread hears a count.
            var model = Note(incident, AlertCheckModel.StillFailing, check.Title, check.Source) with { Fired = fired.Fired, Since = fired.FailingSince };
            await uow.EnqueueAsync(Thread(incident, model), now);
            return incident.Number;
        }
        incident.Note(TimelineKind.Note, check.Source, $"Check failing again: {check.Title}", now);
        await RecountAsync(uow, incident);
        await SaveAsync(uow, incident, Note(incident, AlertCheckModel.FailingAgain, check.Title, check.Source) with { Details = signal.Details }, now);
        return incident.Number;
    }

    private async Task<long> PassAsync(IAlertUnitOfWork uow, AlertCheck check, DateTimeOffset now)
    {
        var (passed, changed) = check.Passed(now);
        await uow.SaveCheckAsync(passed);
        if (!changed)
        {
            return check.IncidentNumber;
        }
        var incident = await LoadAsync(uow, check.IncidentNumber);
        incident.Note(TimelineKind.Note, check.Source, $"Check passing again: {check.Title}", now);
        await RecountAsync(uow, incident);
        await SaveAsync(uow, incident, Note(incident, AlertCheckModel.PassingAgain, check.Title, check.Source), now);
        return incident.Number;
    }

    private async Task<long> ReopenAsync(IAlertUnitOfWork uow, long number, AlertSignal signal, DateTimeOffset now)
    {
        var incident = await LoadAsync(uow, number);
        var resolvedAt = incident.ResolvedAt ?? now;
        var check = (await uow.ChecksOfAsync(number)).FirstOrDefault(c => c.Fingerprint == signal.Fingerprint)
            ?? AlertCheck.Start(number, signal.Fingerprint, signal.DetectedBy, signal.Title, signal.Url, now);
        await uow.SaveCheckAsync(check with { Failing = true, Fired = 1, FailingSince = now, LastSeenAt = now, LastNoteAt = now });
        incident.Fire(IncidentTrigger.Reopen, signal.DetectedBy, now, $"check failing again: {signal.Title}");
        await RecountAsync(uow, incident);
        await SaveAsync(uow, incident, Note(incident, AlertCheckModel.Reopened, signal.Title, signal.DetectedBy) with { SinceResolved = now - resolvedAt }, now);
        return number;
    }

    private static async Task<Incident> LoadAsync(IAlertUnitOfWork uow, long number) =>
        await uow.LoadForUpdateAsync(number) ?? throw new InvalidOperationException($"{IncidentReference.Format(number)} has checks but could not be loaded.");

    private static async Task RecountAsync(IAlertUnitOfWork uow, Incident incident)
    {
        var checks = await uow.ChecksOfAsync(incident.Number);
        incident.CountChecks(checks.Count(c => c.Failing), checks.Count(c => !c.Failing));
    }

    private Task SaveAsync(IAlertUnitOfWork uow, Incident incident, AlertCheckModel model, DateTimeOffset now) =>
        incidents.SaveChangedAsync(uow, incident, [Thread(incident, model)], headlineChanged: true, now);

    private Domain.Ports.OutboxMessage Thread(Incident incident, AlertCheckModel model) =>
        IncidentService.Thread(messages.AlertCheck(model)) with { IncidentNumber = incident.Number };

    private static AlertCheckModel Note(Incident incident, string kind, string title, string source) => new()
    {
        Kind = kind,
        Reference = incident.Reference,
        Title = title,
        Source = source,
        Failing = incident.ChecksFailing,
        Passing = incident.ChecksPassing,
        Owner = Slack.Mrkdwn.IsSlackId(incident.ResponsibleUser) ? incident.ResponsibleUser : null,
    };

    private static string? Describe(AlertSignal signal)
    {
        var parts = new[] { signal.Details, signal.Url }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var text = parts.Count == 0 ? null : string.Join("\n", parts);
        return text is { Length: > Incident.MaxTextLength } ? text[..Incident.MaxTextLength] : text;
    }
}
