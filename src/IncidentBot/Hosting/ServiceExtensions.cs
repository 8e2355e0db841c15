using IncidentBot.Configuration;
using IncidentBot.Domain.Ports;
using IncidentBot.Inbox;
using IncidentBot.Incidents;
using IncidentBot.Messages;
using IncidentBot.Outbox;
using IncidentBot.Pipeline;
using IncidentBot.Queues;
using IncidentBot.Storage;
using Microsoft.Extensions.Options;

namespace IncidentBot.Hosting;

public static class ServiceExtensions
{
    /// <summary>Templates from <c>templates/</c> beside the binary (or <c>Templates:Path</c>), compiled and checked before the host serves.</summary>
    public static void AddMessages(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration["Templates:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "templates");
        // Built now, not lazily: a broken template stops the start with its file name and error.
        builder.Services.AddSingleton(new MessageTemplates(directory));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<PolicyOptions>>().Value.ToCadence());
        builder.Services.AddSingleton(sp => new IncidentMessages(
            sp.GetRequiredService<MessageTemplates>(), sp.GetRequiredService<Domain.Policy.UpdateCadence>(), sp.GetRequiredService<IOptions<IncidentsOptions>>().Value,
            () => sp.GetRequiredService<Catalog.CatalogService>().Current));
    }

    public static void AddIncidents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IncidentService>();
        builder.Services.AddSingleton<IncidentQueries>();
        builder.Services.AddSingleton<FollowUpService>();
        builder.Services.AddSingleton<PostmortemDrafts>();
        builder.Services.AddSingleton<Metrics.MetricsWriter>();
    }

    /// <summary>Slack requests that change something are stored on the request path and applied by this worker.</summary>
    public static void AddInbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.Section);
        builder.Services.AddSingleton<InboxSignal>();
        builder.Services.AddSingleton<InboxCatchUp>();
        builder.Services.AddSingleton<IInbox>(sp => sp.GetRequiredService<IncidentStorage>().Inbox);
        builder.Services.AddHostedService<InboxWorker>();
    }

    public static void AddOutbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<SlackDelivery>();
        builder.Services.AddHostedService<OutboxDispatcher>();
    }
}
