using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using IncidentBot.Logging;

namespace IncidentBot.Hosting;

public static class LoggingExtensions
{
    /// <summary>The configuration key that picks the console format: <c>Text</c> (default) or <c>Json</c> (compact JSON, one event per line, for log collectors).</summary>
    public const string FormatKey = "Log:Format";

    /// <summary>
    /// Serilog to the console, configured from the <c>Serilog</c> section. Log scopes become
    /// properties, so every line written inside an incident's scope carries <c>Incident=INC-n</c>.
    /// </summary>
    public static void AddIncidentBotLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[FormatKey];
        var json = format is null or "" || format.Equals("Text", StringComparison.OrdinalIgnoreCase)
            ? false
            : format.Equals("Json", StringComparison.OrdinalIgnoreCase)
                ? true
                : throw new InvalidOperationException($"{FormatKey} must be Text or Json, not '{format}'.");
        var configuration = new LoggerConfiguration()
            // ASP.NET Core's own two lines per request give way to the one request line below.
            .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext();
        if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
        {
            configuration = json
                ? configuration.WriteTo.Console(new CompactJsonFormatter())
                : configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Incident} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }
        var logger = configuration.CreateLogger();
        builder.Services.AddSerilog(logger, dispose: true);
        // The request log goes to this host's logger, not Serilog's static one (tests run several hosts in one process).
        builder.Services.AddSingleton<Serilog.ILogger>(logger);
    }

    /// <summary>
    /// One line per request: method, path (without the query string, where <c>?token=</c> may be),
    /// status and elapsed time. Never a body, a header, a token or a signature.
    /// </summary>
    public static void UseIncidentBotRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = (context, _, error) =>
                error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Items.ContainsKey(LogScopes.AlreadyLogged) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        });
}
