using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentBot.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: 200 when the bot can serve (database answers, scheduler running), else 503,
    /// with one line per check. <c>/livez</c>: 200 while the process runs; no dependencies, also the
    /// benchmark's bare baseline.
    /// </summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}{(e.Value.Description is { } d ? " (" + d + ")" : "")}");
                return context.Response.WriteAsync($"{(report.Status == HealthStatus.Unhealthy ? "unhealthy" : "ok")}\n{string.Join('\n', lines)}\n");
            },
        });
        app.MapGet("/livez", () => Results.Text("ok"));
    }
}
