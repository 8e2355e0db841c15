namespace IncidentBot.Domain.Watches;

/// <summary>
/// One successful dbt run as the bot keeps it for the phantom-success rules: how long it took (dbt
/// Cloud's <c>runStartedAt</c> to <c>runFinishedAt</c>) and, from a <c>run_results.json</c>, which
/// models it built. <see cref="Job"/> identifies the job across runs (<c>dbt-cloud:1:42</c>,
/// <c>run-results:nightly</c>); the same job and run id is the same run.
/// </summary>
public sealed record DbtRun(string Job, string RunId, DateTimeOffset FinishedAt, TimeSpan? Duration = null, IReadOnlyList<string>? Models = null);
