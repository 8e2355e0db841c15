using Hangfire;
using Hangfire.AspNetCore;
using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Outbox;
using IncidentBot.Queues;
using IncidentBot.Scheduling;
using IncidentBot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SchedulingOptions = IncidentBot.Scheduling.SchedulingOptions;

namespace IncidentBot.Hosting;

public static class SchedulingExtensions
{
    /// <summary>
    /// Hangfire: its store (see <see cref="JobStores"/>), a server with this host's workers, the
    /// synchroniser that turns schedule requests into Hangfire jobs, the recurring action-item check and
    /// the scheduler's health check. The store, the job activator and the client are this host's own,
    /// not Hangfire's process-wide defaults, so two hosts in one process (the tests) never share jobs.
    /// </summary>
    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var (provider, connectionString) = StorageExtensions.Resolve(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        services.AddOptions<DashboardSettings>().BindConfiguration(DashboardSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardSettings>, DashboardSettingsValidator>();

        services.AddSingleton(_ => JobStores.Create(provider, connectionString, settings));
        services.TryAddSingleton(sp => sp.GetRequiredService<SchedulerStore>().Storage);
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostIndependentLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer(o =>
        {
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            o.WorkerCount = settings.WorkerCount;
            o.SchedulePollingInterval = settings.SchedulePollInterval;
            if (settings.SchedulerParallelism > 1)
            {
                // Only when asked for: left alone, Hangfire keeps its own default scheduling path.
                o.MaxDegreeOfParallelismForSchedulers = settings.SchedulerParallelism;
            }
            o.HeartbeatInterval = TimeSpan.FromSeconds(15);
        });
        services.AddHostedService<RecurringJobsSetup>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToPolicy());
        services.AddSingleton<ScheduleSignal>();
        services.AddSingleton<IScheduleQueue>(sp => sp.GetRequiredService<IncidentStorage>().Schedule);
        services.AddSingleton<IncidentChaser>();
        services.AddSingleton<ScheduleRepair>();
        services.AddTransient<UpdateReminderJob>();
        services.AddTransient<EscalationJob>();
        services.AddTransient<PostmortemReminderJob>();
        services.AddTransient<OverdueActionItemsJob>();
        services.AddTransient<PruneInboxJob>();
        services.AddHostedService<ScheduleSynchronizer>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler");
    }

    /// <summary>
    /// Hangfire's dashboard at <c>Dashboard:Path</c>, read-only, behind HTTP Basic, and only when the
    /// credentials are configured (otherwise nothing is mapped and the path answers 404).
    /// </summary>
    public static void MapSchedulerDashboard(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<DashboardSettings>>().Value;
        if (!settings.Enabled)
        {
            return;
        }
        var auth = new DashboardBasicAuth(settings);
        app.UseWhen(c => c.Request.Path.StartsWithSegments(settings.Path), branch => branch.Use((context, next) => auth.InvokeAsync(context, next)));
        app.UseHangfireDashboard(settings.Path, new DashboardOptions
        {
            Authorization = [new AuthenticatedAbove()],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            AppPath = null,
            DashboardTitle = "IncidentBot scheduler",
        }, app.Services.GetRequiredService<JobStorage>());
    }
}

/// <summary>Registers the recurring jobs (action-item check, inbox pruning) at start; idempotent: replicas and restarts update the same ids.</summary>
internal sealed class RecurringJobsSetup(IRecurringJobManager recurring, IOptions<SchedulingOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.ActionItemCheckInterval;
        var cron = OverdueActionItemsJob.Cron(interval)
            ?? throw new OptionsValidationException(SchedulingOptions.Section, typeof(SchedulingOptions),
                [$"Scheduler:ActionItemCheckInterval must be whole seconds dividing a minute, whole minutes dividing an hour, or whole hours dividing a day, such as 01:00:00 (it is {interval})."]);
        recurring.AddOrUpdate<OverdueActionItemsJob>(OverdueActionItemsJob.Id, j => j.RunAsync(CancellationToken.None), cron);
        recurring.AddOrUpdate<PruneInboxJob>(PruneInboxJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
