using Serilog;

namespace IncidentBot.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console, configured from the <c>Serilog</c> section. Log scopes become
    /// properties, so every line written inside an incident's scope carries <c>Incident=INC-n</c>.
    /// </summary>
    public static void AddIncidentBotLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
        {
            configuration = configuration.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Incident} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }
        var logger = configuration.CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }

    /// <summary>A scope that tags every log line with the incident reference.</summary>
    public static IDisposable? BeginIncidentScope(this Microsoft.Extensions.Logging.ILogger logger, string reference) =>
        logger.BeginScope(new Dictionary<string, object> { ["Incident"] = reference });
}
