using IncidentBot.Alerts;

namespace IncidentBot.Hosting;

public static class AlertExtensions
{
    public static void AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlertIntake>();
        builder.Services.AddSingleton<AlertService>();
        builder.Services.AddSingleton<AlertSilences>();
    }

    /// <summary><c>POST /alerts/{source}</c>: alert tools' webhooks (see the README, "Alerts from the data stack").</summary>
    public static void MapAlertEndpoints(this WebApplication app) =>
        app.MapPost("/alerts/{source}", (string source, HttpContext context, AlertIntake intake) => intake.ReceiveAsync(source, context));
}
