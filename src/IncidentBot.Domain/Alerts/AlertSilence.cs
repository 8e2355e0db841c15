namespace IncidentBot.Domain.Alerts;

/// <summary>
/// A maintenance silence: until <see cref="Until"/>, an alert whose fingerprint or one of whose assets
/// is <see cref="Matcher"/> is stored and counted, and declares and posts nothing.
/// </summary>
public sealed record AlertSilence
{
    public const int MaxMatcherLength = 200;
    public const int MaxReasonLength = 500;

    public long Id { get; init; }
    public required string Matcher { get; init; }
    public required DateTimeOffset Until { get; init; }
    public string? Reason { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When someone ended it early; null while it runs to <see cref="Until"/>.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Alerts it kept quiet.</summary>
    public int Silenced { get; init; }

    public bool IsActive(DateTimeOffset now) => EndedAt is null && Until > now;

    /// <summary>True when the alert's fingerprint or one of its assets is what this silence names (see <see cref="AssetNames.Same"/>).</summary>
    public bool Matches(string fingerprint, IEnumerable<string> assets, Catalog.DataCatalog? catalog = null) =>
        string.Equals(Matcher, fingerprint, StringComparison.OrdinalIgnoreCase) || assets.Any(a => AssetNames.Same(a, Matcher, catalog));
}
