using IncidentBot.Domain;

namespace IncidentBot.Configuration;

/// <summary>How alerts join incidents: by the check's fingerprint only, or also by a shared asset.</summary>
public enum AlertGrouping
{
    Asset,
    Fingerprint,
}

/// <summary>
/// <c>Alerts</c>: the integration endpoint <c>POST /alerts/{source}</c> and how alerts become incidents.
/// Without <see cref="Token"/> (and <see cref="DbtCloudSecret"/> for dbt Cloud) the endpoints answer 503.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>The integration token: <c>Authorization: Bearer</c> or <c>?token=</c>. A secret: never logged.</summary>
    public string? Token { get; set; }

    /// <summary>dbt Cloud's webhook secret: its deliveries are verified by their HMAC-SHA256 signature. A secret: never logged.</summary>
    public string? DbtCloudSecret { get; set; }

    public AlertGrouping GroupBy { get; set; } = AlertGrouping.Asset;

    /// <summary>At most one "still failing" note per check in this time.</summary>
    public TimeSpan RepeatNoteEvery { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A firing check whose incident was resolved less than this ago reopens it.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Severity of an incident an alert declares when the alert does not say (P0..P3).</summary>
    public string DefaultSeverity { get; set; } = "P2";

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);

    public bool HasDbtCloudSecret => !string.IsNullOrWhiteSpace(DbtCloudSecret);

    public Severity Default => SeverityExtensions.TryParse(DefaultSeverity, out var severity) ? severity : Severity.P2;
}
