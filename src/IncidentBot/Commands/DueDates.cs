using System.Globalization;
using System.Text.RegularExpressions;

namespace IncidentBot.Commands;

/// <summary>
/// Due dates as people write them, counted from today in the workspace's time zone:
/// 2026-12-08, today, eod, tomorrow, eow (this week's Friday), friday (the next Friday after today),
/// next friday (Friday of next week), in 3 days, in 2 weeks, +3d, +2w.
/// </summary>
public static partial class DueDates
{
    /// <summary>The accepted forms, for error messages; <c>{0}</c> is an example date.</summary>
    public const string Forms = "{0}, today, eod, tomorrow, eow, friday, next monday, in 3 days, in 2 weeks, +3d or +2w";

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>Reads a due date from the start of <paramref name="text"/>; <paramref name="rest"/> is what follows it.</summary>
    public static bool TryRead(string text, DateOnly today, out DateOnly due, out string rest)
    {
        var match = Leading().Match(text.Trim());
        due = default;
        rest = "";
        if (!match.Success || Resolve(match, today) is not { } resolved)
        {
            return false;
        }
        due = resolved;
        rest = match.Groups["rest"].Value.Trim();
        return true;
    }

    private static DateOnly? Resolve(Match match, DateOnly today)
    {
        if (match.Groups["n"].Success)
        {
            var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            return today.AddDays(unit.StartsWith('w') ? n * 7 : n);
        }
        if (match.Groups["next"].Success)
        {
            // Friday of next week (weeks start on Monday): on Monday 7 Dec that is 18 Dec.
            var nextMonday = today.AddDays(7 - DaysSinceMonday(today));
            return nextMonday.AddDays(DaysSinceMonday(Weekdays[match.Groups["day"].Value]));
        }
        var word = match.Groups["word"].Value.ToLowerInvariant();
        switch (word)
        {
            case "today" or "eod":
                return today;
            case "tomorrow":
                return today.AddDays(1);
            case "eow":
                // This week's Friday; at the weekend, the coming one.
                return today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? Next(today, DayOfWeek.Friday) : today.AddDays(DayOfWeek.Friday - today.DayOfWeek);
        }
        if (Weekdays.TryGetValue(word, out var day))
        {
            return Next(today, day);
        }
        return DateOnly.TryParseExact(word, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>The first <paramref name="day"/> after <paramref name="today"/> (1 to 7 days ahead).</summary>
    private static DateOnly Next(DateOnly today, DayOfWeek day)
    {
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 ? 7 : ahead);
    }

    private static int DaysSinceMonday(DateOnly date) => DaysSinceMonday(date.DayOfWeek);

    private static int DaysSinceMonday(DayOfWeek day) => ((int)day + 6) % 7;

    [GeneratedRegex(@"^(?:in\s+(?<n>[0-9]{1,3})\s+(?<unit>days?|weeks?)|\+(?<n>[0-9]{1,3})(?<unit>[dw])|(?<next>next)\s+(?<day>mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?)|(?<word>[^\s]+))(?=\s|$)(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Leading();
}
