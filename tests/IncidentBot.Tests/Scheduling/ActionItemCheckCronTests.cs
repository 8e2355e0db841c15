using IncidentBot.Scheduling;

namespace IncidentBot.Tests.Scheduling;

/// <summary>Scheduler:ActionItemCheckInterval becomes the cron expression of the recurring job, or is refused.</summary>
public sealed class ActionItemCheckCronTests
{
    [Theory]
    [InlineData("01:00:00", "0 0 */1 * * *")]
    [InlineData("06:00:00", "0 0 */6 * * *")]
    [InlineData("00:15:00", "0 */15 * * * *")]
    [InlineData("00:00:01", "*/1 * * * * *")]
    [InlineData("00:00:30", "*/30 * * * * *")]
    public void AnIntervalThatDividesItsUnit_BecomesACronExpression(string interval, string cron) =>
        Assert.Equal(cron, OverdueActionItemsJob.Cron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-01:00:00")]
    [InlineData("00:00:07")]
    [InlineData("00:00:01.500")]
    [InlineData("00:07:00")]
    [InlineData("05:00:00")]
    [InlineData("1.12:00:00")]
    public void AnIntervalThatCannotRepeatEvenly_IsRefused(string interval) =>
        Assert.Null(OverdueActionItemsJob.Cron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
}
