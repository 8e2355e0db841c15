using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>What the running bot's Hangfire holds for an incident, asked through Hangfire's own API.</summary>
public static class HangfireState
{
    /// <summary>
    /// The jobs of <paramref name="reference"/> named <paramref name="kind"/> (or starting with it) that the
    /// bot recorded and Hangfire holds as scheduled.
    /// </summary>
    public static async Task<long> ScheduledJobsAsync(this IServiceProvider bot, TestDatabase database, string reference, string kind)
    {
        var ids = await database.RecordedJobIdsAsync(reference, kind);
        using var connection = bot.GetRequiredService<JobStorage>().GetConnection();
        return ids.Count(id => connection.GetStateData(id)?.Name == ScheduledState.StateName);
    }
}
