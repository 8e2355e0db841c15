using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Outbox;
using IncidentBot.Scheduling;
using IncidentBot.Storage;
using Microsoft.Extensions.Options;
using Quartz;
using SchedulingOptions = IncidentBot.Scheduling.SchedulingOptions;

namespace IncidentBot.Hosting;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz with its persistent store in the incidents' own database: clustered on PostgreSQL (two
    /// replicas share the work and take over from each other), single node on SQLite. Its tables are
    /// created at start (ProvisionSchema); job data is primitives only, serialised with System.Text.Json.
    /// </summary>
    /// <summary>
    /// Quartz's PostgreSQL connections commit without waiting for the WAL flush
    /// (<c>synchronous_commit = off</c>, unless <see cref="SchedulingOptions.SynchronousCommit"/>): every
    /// Quartz commit happens while it holds its cluster-wide TRIGGER_ACCESS row lock, so a 2 ms fsync
    /// per commit caps how many reminders a cluster can fire. What a database crash could take back is
    /// the last moment of Quartz's own bookkeeping, which the bot repairs: a trigger that comes back
    /// fires a job that re-checks the incident (and the outbox refuses a second copy of its message),
    /// and a trigger that goes missing is found by the synchroniser's repair pass and planned again.
    /// The incidents, inbox and outbox are always committed durably.
    /// </summary>
    public static string SchedulerConnectionString(string connectionString, SchedulingOptions settings)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!settings.SynchronousCommit && string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c synchronous_commit=off";
        }
        return builder.ConnectionString;
    }

    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var (provider, connectionString) = StorageExtensions.Resolve(builder.Configuration);
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "IncidentBot";
                s.IdleWaitTime = settings.IdleWaitTime;
                if (provider == StorageProvider.Postgres)
                {
                    s.GenerateInstanceId = true;
                }
            });
            q.UseDefaultThreadPool(settings.ThreadCount);
            q.ScheduleJob<OverdueActionItemsJob>(trigger => trigger
                .WithIdentity("action-items/overdue", "maintenance")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(settings.ActionItemCheckInterval).RepeatForever()),
                job => job.WithIdentity(OverdueActionItemsJob.Key));
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.MisfireThreshold = settings.MisfireThreshold);
                if (provider == StorageProvider.Postgres)
                {
                    store.UsePostgres(SchedulerConnectionString(connectionString, settings));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = settings.CheckinInterval;
                        c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    // Quartz's connections queue at the same in-process write gate as the stores'.
                    store.UseSqlite(Storage.Dialects.SqliteWriteGates.FactoryFor(connectionString), connectionString);
                }
                store.ProvisionSchema();
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy());
        builder.Services.AddSingleton<ScheduleSignal>();
        builder.Services.AddSingleton<IScheduleQueue>(sp => sp.GetRequiredService<StorageHandle>().Schedule);
        builder.Services.AddSingleton<IncidentChaser>();
        builder.Services.AddTransient<UpdateReminderJob>();
        builder.Services.AddTransient<EscalationJob>();
        builder.Services.AddTransient<PostmortemReminderJob>();
        builder.Services.AddTransient<OverdueActionItemsJob>();
        builder.Services.AddHostedService<ScheduleSynchronizer>();
        builder.Services.AddHealthChecks().AddQuartz();
    }
}
