using IncidentBot.Domain;

namespace IncidentBot.Alerts;

/// <summary>Whether a check is failing or passing again.</summary>
public enum AlertStatus
{
    Firing,
    Resolved,
}

/// <summary>
/// One check's state as an alert tool reported it, whatever the tool: what the bot groups, counts
/// and turns into incidents. A delivery holds one or more (an Alertmanager group, a Soda evaluation
/// of several checks). Everything here is text the tool sent: it is shown escaped, never as markup.
/// </summary>
public sealed record AlertSignal
{
    /// <summary>The tool's name in the URL (<c>alertmanager</c>, <c>dbt-cloud</c>, ...).</summary>
    public required string Source { get; init; }

    /// <summary>Identifies the check, prefixed with its source (<c>alertmanager:5c1d2e3f</c>, <c>dbt-cloud:1:42</c>): the same check fires with the same fingerprint.</summary>
    public required string Fingerprint { get; init; }

    public required AlertStatus Status { get; init; }

    /// <summary>What is wrong, one line (at most <see cref="Incident.MaxTitleLength"/>).</summary>
    public required string Title { get; init; }

    /// <summary>An explicit P0-P3 from the alert, or the tool's level mapped (see the README); null: the configured default.</summary>
    public Severity? Severity { get; init; }

    /// <summary>From the kind of check (freshness, schema, volume, test); null: guessed from the title.</summary>
    public Category? Category { get; init; }

    /// <summary>The tables, models or datasets the check is about (<c>analytics.marts.fct_sales</c>, <c>model.analytics.fct_sales</c>).</summary>
    public IReadOnlyList<string> Assets { get; init; } = [];

    /// <summary>When the tool saw the problem (or saw it pass); null: when the bot received it.</summary>
    public DateTimeOffset? ObservedAt { get; init; }

    /// <summary>Since when the data has been wrong, when the alert says (a freshness check's last load).</summary>
    public DateTimeOffset? DataWrongSince { get; init; }

    /// <summary>A link to the failing run or check in the tool.</summary>
    public string? Url { get; init; }

    /// <summary>More detail for the thread (a test's result, a run's message), short.</summary>
    public string? Details { get; init; }

    /// <summary>Who detected it, as people know it: <c>Alertmanager</c>, <c>dbt Cloud</c>, or generic's <c>source</c> (e.g. <c>airflow</c>).</summary>
    public required string DetectedBy { get; init; }

    /// <summary>Who owns an incident this signal declares (a Slack user or group id); only the bot's own watches set it.</summary>
    public string? Owner { get; init; }

    /// <summary>A successful dbt run's facts (duration, models built), kept for the phantom-success rules.</summary>
    public Domain.Watches.DbtRun? Run { get; init; }

    /// <summary>How people know the run's job (<c>dbt Cloud job "nightly"</c>), for a phantom-success title.</summary>
    public string? JobName { get; init; }
}

/// <summary>
/// A delivery read: the signals it carries (possibly none, e.g. a dbt Cloud "run started"), and the
/// id that identifies the delivery itself when the tool sends one (dbt Cloud's <c>eventId</c>): a
/// redelivery with that id changes nothing.
/// </summary>
public sealed record AlertDelivery(IReadOnlyList<AlertSignal> Signals, string? DeliveryId = null);
