using System.Globalization;

namespace IncidentBot.Slack;

/// <summary>Times as Slack sends them, read without exceptions: anything else is refused at the edge.</summary>
public static class SlackTimestamps
{
    /// <summary>The last second a <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z).</summary>
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// A message <c>ts</c>: unix seconds, a dot, six digits of microseconds (<c>1700000000.000100</c>);
    /// read to the millisecond.
    /// </summary>
    public static bool TryParseTs(string? ts, out DateTimeOffset at)
    {
        at = default;
        var dot = ts?.IndexOf('.') ?? -1;
        if (ts is null || dot < 1 || ts.Length - dot - 1 != 6
            || !long.TryParse(ts.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds
            || !int.TryParse(ts.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
        {
            return false;
        }
        at = DateTimeOffset.FromUnixTimeMilliseconds(seconds * 1000 + micros / 1000);
        return true;
    }

    /// <summary>A date-time picker's <c>selected_date_time</c>: whole unix seconds a date can hold (year 1970 to 9999).</summary>
    public static bool TryFromUnixSeconds(string? text, out DateTimeOffset at)
    {
        at = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            return false;
        }
        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }
}
