using IncidentBot.Configuration;
using IncidentBot.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IncidentBot.Catalog;

/// <summary><c>POST /catalog/dbt-manifest</c>: replaces the catalog with an uploaded manifest (integration token).</summary>
public static class CatalogEndpoints
{
    public static async Task<IResult> UploadAsync(HttpContext context, CatalogService catalog, IOptions<CatalogOptions> options, IOptions<AlertsOptions> alerts)
    {
        var request = context.Request;
        if (!alerts.Value.HasToken)
        {
            return Results.Text("Uploads are not set up: set Alerts:Token (the integration token) and send it as Authorization: Bearer <token>.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (!Tokens.Matches(request, alerts.Value.Token!, allowQuery: false))
        {
            return Results.Text("Missing or wrong token: send Authorization: Bearer <Alerts:Token>.", statusCode: StatusCodes.Status401Unauthorized);
        }
        var limit = options.Value.MaxManifestBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        var buffer = new MemoryStream();
        try
        {
            if (!await BoundedBody.CopyAsync(request.Body, buffer, limit, context.RequestAborted))
            {
                return TooLarge(limit);
            }
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            return Results.Text("The manifest did not arrive in full.", statusCode: StatusCodes.Status400BadRequest);
        }
        buffer.Position = 0;
        var load = await catalog.LoadAsync(buffer, "upload", context.RequestAborted);
        return load.Ok
            ? Results.Json(new { models = load.Models, sources = load.Sources, exposures = load.Exposures, version = load.Version, changed = load.Changed })
            : Results.Text(load.Error!, statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult TooLarge(long limit) =>
        Results.Text($"The manifest is larger than {limit} bytes (Catalog:MaxManifestBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
