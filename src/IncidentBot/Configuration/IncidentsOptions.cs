using System.ComponentModel.DataAnnotations;

namespace IncidentBot.Configuration;

/// <summary>The <c>Incidents</c> section.</summary>
public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>Where headlines are posted: a channel name (<c>#data-incidents</c>) or id (<c>C0123</c>).</summary>
    [Required]
    public string Channel { get; set; } = "#data-incidents";

    /// <summary>A second <c>/incident open</c> by the same person with the same title within this window returns the first incident.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The workspace's time zone (IANA id such as Europe/Berlin): due dates ("friday", "eod") are days there.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Today in <see cref="TimeZone"/> (validated at start, so it is known).</summary>
    public DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    /// <summary>Public base URL of the bot (e.g. https://incidentbot.example.com), for links to postmortem drafts in messages.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The postmortem draft's address, or null when <see cref="PublicUrl"/> is not set (a bare path is no link in Slack).</summary>
    public string? PostmortemUrl(string reference) =>
        string.IsNullOrWhiteSpace(PublicUrl) ? null : $"{PublicUrl.TrimEnd('/')}/incidents/{reference}/postmortem";
}
