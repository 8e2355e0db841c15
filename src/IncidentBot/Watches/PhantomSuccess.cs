using System.Globalization;
using IncidentBot.Alerts;
using IncidentBot.Domain;
using IncidentBot.Domain.Ports;
using IncidentBot.Domain.Watches;
using Microsoft.Extensions.Options;

namespace IncidentBot.Watches;

/// <summary>
/// "Phantom success": keeps every successful dbt run a delivery carries (dbt Cloud's <c>job.run.completed</c>
/// Success, a <c>run_results.json</c>) and judges it against the job's recent runs (<see cref="RunRules"/>).
/// A suspicious run is a P2 firing signal <c>phantom:&lt;job&gt;</c> applied like an alert; a normal run
/// after it is the same check passing again. Runs in the inbox's alert lane, after the delivery's own signals.
/// </summary>
public sealed class PhantomSuccess(IWatchStore store, AlertService alerts, IOptions<WatchesOptions> options, ILogger<PhantomSuccess> logger)
{
    public const string Source = "phantom";

    /// <summary>How many models a title or the details name at most.</summary>
    public const int NamedModels = 20;

    public async Task ApplyAsync(StoredAlerts stored, string key, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < stored.Signals.Count; i++)
        {
            if (stored.Signals[i] is { Run: { } run } signal)
            {
                await CheckAsync(run, signal.JobName ?? run.Job, signal.Url, $"{key}#{i}/phantom", receivedAt, cancellationToken);
            }
        }
    }

    private async Task CheckAsync(DbtRun run, string jobName, string? url, string key, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The history before this run, read whether or not it was kept already: a retry judges the same.
        var earlier = await store.RunsBeforeAsync(run.Job, run.RunId, run.FinishedAt, settings.RunHistory, cancellationToken);
        await store.SaveRunAsync(run, cancellationToken);
        if (Judge(run, jobName, earlier, settings.FastRunRatio, settings.RunHistory) is not { } signal)
        {
            return;
        }
        var outcome = await alerts.ApplyAsync(signal with { Url = url }, key, receivedAt, cancellationToken);
        if (signal.Status == AlertStatus.Firing)
        {
            logger.LogWarning("Run {RunId} of {Job} looks like a phantom success: {Title} ({Outcome})", run.RunId, run.Job, signal.Title, outcome);
        }
    }

    /// <summary>The signal for <paramref name="run"/>: firing when a rule finds it suspicious, resolved when judged normal, null when there is too little history.</summary>
    public static AlertSignal? Judge(DbtRun run, string jobName, IReadOnlyList<DbtRun> earlier, double ratio, int history)
    {
        var duration = RunRules.Duration(run, earlier, ratio, history);
        var models = RunRules.ModelCount(run, earlier, ratio, history);
        if (!duration.Judged && !models.Judged)
        {
            return null;
        }
        var suspicious = duration.Suspicious || models.Suspicious;
        var findings = new List<string>();
        if (duration.Suspicious)
        {
            findings.Add($"took {Seconds(duration.Actual)} against a usual {Seconds(duration.Usual)}");
        }
        if (models.Suspicious)
        {
            findings.Add($"built {Count(models.Actual)} models against a usual {Count(models.Usual)}");
        }
        var title = suspicious
            ? $"run {run.RunId} of {jobName} {string.Join(" and ", findings)}: possible scope reduction"
            : $"run {run.RunId} of {jobName} looks normal";
        var missing = models.Suspicious ? models.Missing : [];
        return new AlertSignal
        {
            Source = Source,
            Fingerprint = $"{Source}:{run.Job}",
            Status = suspicious ? AlertStatus.Firing : AlertStatus.Resolved,
            Title = title.Length <= Incident.MaxTitleLength ? title : title[..Incident.MaxTitleLength],
            Severity = Severity.P2,
            Category = Category.PipelineFailure,
            Assets = missing.Take(NamedModels).ToList(),
            ObservedAt = run.FinishedAt,
            Details = missing.Count == 0 ? null : $"Usually built, not in this run: {string.Join(", ", missing.Take(NamedModels))}{(missing.Count > NamedModels ? $" and {missing.Count - NamedModels} more" : "")}.",
            DetectedBy = "phantom-success check",
        };
    }

    private static string Seconds(double seconds) => $"{Math.Round(seconds).ToString(CultureInfo.InvariantCulture)} s";

    private static string Count(double count) => (Math.Round(count * 2) / 2).ToString("0.#", CultureInfo.InvariantCulture);
}
