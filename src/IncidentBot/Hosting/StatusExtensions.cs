using IncidentBot.Configuration;
using IncidentBot.StatusPage;

namespace IncidentBot.Hosting;

public static class StatusExtensions
{
    /// <summary>The data status page and asset API, and <c>Web:ReadToken</c> in front of the pages people read.</summary>
    public static void AddStatusPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section).ValidateOnStart()
            .Validate(o => !o.HasReadToken || o.ReadToken!.Trim().Length >= 16, "Web:ReadToken is shorter than 16 characters; use a long random value (e.g. `openssl rand -hex 24`), or leave it empty to serve the pages without a token.");
        builder.Services.AddSingleton<DataStatus>();
    }

    /// <summary>Before the endpoints it guards.</summary>
    public static void UseReadToken(this WebApplication app) => app.UseMiddleware<ReadTokenGate>();

    public static void MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/assets/{name}/status", StatusEndpoints.AssetAsync);
        app.MapGet("/status", StatusEndpoints.PageAsync);
    }
}
