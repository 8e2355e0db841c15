using System.Globalization;
using IncidentBot.Incidents;

namespace IncidentBot.Scheduling;

/// <summary>A Hangfire recurring job, hourly by default: reminds owners of overdue action items (each item at most once a day).</summary>
public sealed class OverdueActionItemsJob(FollowUpService followUps)
{
    public const string Id = "action-items/overdue";

    public Task RunAsync(CancellationToken cancellationToken) => followUps.RemindOverdueAsync(cancellationToken);

    /// <summary>
    /// The cron expression for "every <paramref name="interval"/>": whole seconds dividing a minute,
    /// whole minutes dividing an hour, or whole hours dividing a day; null for anything else.
    /// </summary>
    public static string? Cron(TimeSpan interval) => interval switch
    {
        { Ticks: <= 0 } => null,
        _ when interval < TimeSpan.FromMinutes(1) => Every(interval.TotalSeconds, 60, "*/{0} * * * * *"),
        _ when interval < TimeSpan.FromHours(1) => Every(interval.TotalMinutes, 60, "0 */{0} * * * *"),
        _ => Every(interval.TotalHours, 24, "0 0 */{0} * * *"),
    };

    private static string? Every(double units, int whole, string format) =>
        units == Math.Floor(units) && whole % (int)units == 0 ? string.Format(CultureInfo.InvariantCulture, format, (int)units) : null;
}
