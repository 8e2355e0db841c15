using IncidentBot.Domain.Alerts;

namespace IncidentBot.Domain.Ports;

/// <summary>Alerts' checks and silences, changed in the same transaction as the incidents they touch.</summary>
public interface IAlertStore
{
    /// <summary>Runs <paramref name="work"/> in one transaction (retried as a whole when the database asks).</summary>
    Task<T> ExecuteAsync<T>(Func<IAlertUnitOfWork, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>Silences that have not ended or expired before <paramref name="now"/> less <paramref name="expiredWithin"/>, newest first.</summary>
    Task<IReadOnlyList<AlertSilence>> ListSilencesAsync(DateTimeOffset now, TimeSpan expiredWithin, CancellationToken cancellationToken = default);

    /// <summary>The checks on <paramref name="incidentNumber"/>, failing first.</summary>
    Task<IReadOnlyList<AlertCheck>> ChecksOfAsync(long incidentNumber, CancellationToken cancellationToken = default);
}

/// <summary>An incident transaction that also sees alerts' checks and silences.</summary>
public interface IAlertUnitOfWork : IIncidentUnitOfWork
{
    /// <summary>The check with <paramref name="fingerprint"/> on an active incident, if any.</summary>
    Task<AlertCheck?> FindActiveCheckAsync(string fingerprint);

    /// <summary>The most recent incident resolved at or after <paramref name="since"/> that had the check <paramref name="fingerprint"/>.</summary>
    Task<long?> FindResolvedWithCheckAsync(string fingerprint, DateTimeOffset since);

    /// <summary>The active incidents, oldest first (to find one that lists an alert's asset).</summary>
    Task<IReadOnlyList<Incident>> ListActiveAsync(int limit);

    Task<IReadOnlyList<AlertCheck>> ChecksOfAsync(long incidentNumber);

    /// <summary>Inserts or replaces the check (by incident and fingerprint).</summary>
    Task SaveCheckAsync(AlertCheck check);

    /// <summary>The active silences at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<AlertSilence>> ActiveSilencesAsync(DateTimeOffset now);

    /// <summary>Counts one alert kept quiet by silence <paramref name="id"/>.</summary>
    Task CountSilencedAsync(long id);

    Task<AlertSilence> AddSilenceAsync(AlertSilence silence);

    /// <summary>Ends silence <paramref name="id"/> now; false when there is no such active silence.</summary>
    Task<bool> EndSilenceAsync(long id, DateTimeOffset now);
}
