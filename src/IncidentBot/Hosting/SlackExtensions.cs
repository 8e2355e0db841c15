using IncidentBot.Commands;
using IncidentBot.Configuration;
using IncidentBot.Pipeline;
using IncidentBot.Events;
using IncidentBot.Interactions;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using IncidentBot.SocketMode;
using Microsoft.Extensions.Options;

namespace IncidentBot.Hosting;

public static class SlackExtensions
{
    public static void AddSlack(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(SlackWebApiClient), (sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUri;
            http.Timeout = SlackOptions.CallTimeout;
        });
        builder.Services.AddTransient(sp => new SlackWebApiClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SlackWebApiClient)),
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.BotToken ?? ""));
        builder.Services.AddSingleton<ChannelDirectory>();
        builder.Services.AddSingleton<UserNames>();
        builder.Services.AddSingleton<ChannelMembership>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChannelMembership>());
        builder.Services.AddHealthChecks().AddCheck<ChannelMembershipHealthCheck>("channel");
        builder.Services.AddSingleton<SlackRequestReader>();
        builder.Services.AddSingleton<ViewOpener>();
        builder.Services.AddSubcommands();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.AddSingleton<InteractionHandler>();
        builder.Services.AddSingleton<SlackEventHandler>();
        builder.Services.AddSingleton<ModalSubmissions>();
        builder.Services.AddSingleton<AssetSuggestions>();
        builder.Services.AddSingleton<SlackDispatcher>();
        // Socket Mode: idle (and healthy) without Slack:AppToken, so it is wired whatever the settings.
        builder.Services.AddSingleton<SocketModeHealth>();
        builder.Services.AddHealthChecks().AddCheck<SocketModeHealth>("slack-socket");
        builder.Services.AddHostedService<SocketModeClient>();
    }

    /// <summary>
    /// The three Slack endpoints. Order, as in Bolt: size limit, signature, workspace allow-list,
    /// then the handler. Nothing on this path calls Slack except views.open, whose trigger_id lives 3 s.
    /// </summary>
    public static void MapSlackEndpoints(this WebApplication app)
    {
        var slack = app.MapGroup("/slack");
        slack.MapPost("/commands", SlackEndpoints.CommandsAsync);
        slack.MapPost("/interactions", SlackEndpoints.InteractionsAsync);
        slack.MapPost("/events", SlackEndpoints.EventsAsync);
    }

    /// <summary>Says loudly at start what is missing, without ever printing a secret.</summary>
    public static async Task RunIncidentBotAsync(this WebApplication app)
    {
        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentBot");
        if (slack.HasAppToken)
        {
            logger.LogInformation("Slack:AppToken is set: Socket Mode, connecting out to Slack (no public URL needed){Http}", slack.HasSigningSecret ? "; the HTTP endpoints work too" : "");
        }
        else if (!slack.HasSigningSecret)
        {
            logger.LogWarning("Neither Slack:AppToken nor Slack:SigningSecret is set: /slack/* answers 503 until one is. For Socket Mode (no public URL) set Slack__AppToken to an app-level token (xapp-, connections:write); for HTTP set Slack__SigningSecret (Basic Information > App Credentials > Signing Secret).");
        }
        if (!slack.HasBotToken)
        {
            logger.LogWarning("Slack:BotToken is not set: incidents are recorded but messages stay queued until it is. Set Slack__BotToken to the app's Bot User OAuth Token (xoxb-...).");
        }
        logger.LogInformation("Starting with {Slack}, channel {Channel}", slack, app.Services.GetRequiredService<IOptions<IncidentsOptions>>().Value.Channel);
        await app.RunAsync();
    }
}
