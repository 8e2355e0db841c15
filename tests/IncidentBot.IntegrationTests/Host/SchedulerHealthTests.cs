using System.Net;
using Hangfire;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Scheduling;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// <c>/healthz</c> reports the scheduler: healthy while a Hangfire server heartbeats and nothing
/// scheduled is more than a minute overdue; 503 naming the job when something is.
/// </summary>
public abstract class SchedulerHealthTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    [Fact]
    public async Task Healthz_ReportsTheSchedulerHealthy_WhileItsServerHeartbeats()
    {
        var bot = await StartInProcessAsync(Settings());

        using var health = await bot.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("scheduler: Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_Answers503_WhenAScheduledJobIsMoreThanAMinuteOverdue()
    {
        // A scheduler that moves due jobs to the workers only once an hour, and whose lock someone holds
        // (so its pass at start cannot take the job either): what a stuck one looks like.
        var settings = Settings();
        settings["Scheduler:SchedulePollInterval"] = "01:00:00";
        var bot = await StartInProcessAsync(settings);
        using var connection = bot.Services.GetRequiredService<JobStorage>().GetConnection();
        using var stuck = connection.AcquireDistributedLock("locks:schedulepoller", TimeSpan.FromSeconds(30));
        var overdue = bot.Services.GetRequiredService<IBackgroundJobClient>()
            .Schedule<UpdateReminderJob>(j => j.RunAsync(404, CancellationToken.None), DateTimeOffset.UtcNow - TimeSpan.FromMinutes(2));

        using var health = await bot.Client.GetAsync("/healthz");
        var text = await health.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains($"scheduler: Unhealthy (scheduled job {overdue} is more than a minute overdue)", text);
    }
}

[Collection(HostCollection.Sqlite)]
public sealed class SchedulerHealthTestsOnSqlite() : SchedulerHealthTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class SchedulerHealthTestsOnPostgres() : SchedulerHealthTests(StorageProvider.Postgres);
