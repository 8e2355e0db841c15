using IncidentBot.Commands;

namespace IncidentBot.Tests.Commands;

public class DueDatesTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Theory]
    [InlineData("friday", "2026-12-11")]
    [InlineData("Fri", "2026-12-11")]
    [InlineData("monday", "2026-12-14")]
    [InlineData("tuesday", "2026-12-08")]
    [InlineData("next monday", "2026-12-14")]
    [InlineData("next friday", "2026-12-18")]
    [InlineData("Next Wed", "2026-12-16")]
    [InlineData("eod", "2026-12-07")]
    [InlineData("EOW", "2026-12-11")]
    [InlineData("in 1 day", "2026-12-08")]
    [InlineData("in 3 days", "2026-12-10")]
    [InlineData("in 2 weeks", "2026-12-21")]
    [InlineData("+3d", "2026-12-10")]
    [InlineData("2026-12-24", "2026-12-24")]
    public void TryRead_OnAMonday_GivesTheDayPeopleMean(string text, string expected)
    {
        Assert.True(DueDates.TryRead(text, Monday, out var due, out var rest));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
        Assert.Equal("", rest);
    }

    [Theory]
    [InlineData("2026-12-11", "friday", "2026-12-18")]
    [InlineData("2026-12-12", "eow", "2026-12-18")]
    [InlineData("2026-12-13", "next friday", "2026-12-18")]
    [InlineData("2026-12-11", "eow", "2026-12-11")]
    public void TryRead_WeekdayNamesAndEow_CountFromToday(string today, string text, string expected)
    {
        Assert.True(DueDates.TryRead(text, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), out var due, out _));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void TryRead_LeavesTheTextAfterTheDate()
    {
        Assert.True(DueDates.TryRead("in 2 weeks add a freshness check", Monday, out var due, out var rest));

        Assert.Equal(new DateOnly(2026, 12, 21), due);
        Assert.Equal("add a freshness check", rest);
    }

    [Theory]
    [InlineData("someday")]
    [InlineData("next week")]
    [InlineData("in two weeks")]
    [InlineData("fridays")]
    [InlineData("2026-13-01")]
    public void TryRead_SomethingElse_IsNoDate(string text) =>
        Assert.False(DueDates.TryRead(text, Monday, out _, out _));
}
