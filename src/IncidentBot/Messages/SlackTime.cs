using System.Globalization;

namespace IncidentBot.Messages;

/// <summary>Slack's <c>&lt;!date^...&gt;</c> token: every reader sees the time in their own zone.</summary>
public static class SlackTime
{
    public static string Format(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>");

    /// <summary>"45 s", "40 min", "1 h 5 min", "2 d 3 h": durations as a person says them, to the two largest units.</summary>
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

    /// <summary>"1 min 50 s", "1 h 0 min 30 s" is "1 h 30 s": every unit that is not zero, for configured spans that must not be rounded.</summary>
    public static string Exact(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0 s";
        }
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days} d");
        }
        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }
        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes} min");
        }
        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{span.Seconds} s");
        }
        return string.Join(' ', parts);
    }
}
