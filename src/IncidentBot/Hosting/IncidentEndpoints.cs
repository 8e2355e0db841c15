using IncidentBot.Domain;
using IncidentBot.Incidents;
using IncidentBot.Metrics;

namespace IncidentBot.Hosting;

public static class IncidentEndpoints
{
    /// <summary><c>GET /incidents/{ref}/postmortem</c> (Markdown draft) and <c>GET /metrics</c> (Prometheus text).</summary>
    public static void MapIncidentEndpoints(this WebApplication app)
    {
        app.MapGet("/incidents/{reference}/postmortem", async (string reference, PostmortemDrafts drafts, CancellationToken cancellationToken) =>
        {
            if (!IncidentReference.TryParse(reference, out var number))
            {
                return Results.Text($"'{reference}' is not an incident reference; use INC-42.", statusCode: StatusCodes.Status400BadRequest);
            }
            var markdown = await drafts.RenderAsync(number, cancellationToken, lookUpNames: true);
            return markdown is null
                ? Results.Text($"There is no incident {IncidentReference.Format(number)}.", statusCode: StatusCodes.Status404NotFound)
                : Results.Text(markdown, "text/markdown; charset=utf-8");
        });
        app.MapGet("/metrics", async (MetricsWriter metrics, CancellationToken cancellationToken) =>
            Results.Text(await metrics.WriteAsync(cancellationToken), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
