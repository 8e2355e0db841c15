using IncidentBot.Domain.Ports;

namespace IncidentBot.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: 200 when the bot can serve (its database answers), else 503.
    /// <c>/livez</c>: 200 while the process runs; no dependencies, also the benchmark's bare baseline.
    /// </summary>
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", async (IIncidentStore store, CancellationToken cancellationToken) =>
        {
            bool ok;
            try
            {
                ok = await store.PingAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ok = false;
            }
            return ok ? Results.Text("ok") : Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/livez", () => Results.Text("ok"));
    }
}
