using System.Globalization;

namespace IncidentBot.Messages;

/// <summary>Slack's <c>&lt;!date^...&gt;</c> token: every reader sees the time in their own zone.</summary>
public static class SlackTime
{
    public static string Format(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    /// <summary>"45 s", "1 min 50 s", "40 min", "1 h 5 min", "2 d 3 h": durations as a person says them.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        if (span.TotalMinutes < 1)
        {
            return $"{(int)span.TotalSeconds} s";
        }
        if (span.TotalMinutes < 10 && span.Seconds != 0)
        {
            // "1 min 50 s": a short rule or wait is said as configured, not rounded down to a minute.
            return $"{(int)span.TotalMinutes} min {span.Seconds} s";
        }
        if (span.TotalHours < 1)
        {
            return $"{(int)span.TotalMinutes} min";
        }
        if (span.TotalDays < 1)
        {
            return span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min";
        }
        return span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
