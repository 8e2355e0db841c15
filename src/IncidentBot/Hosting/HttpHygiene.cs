namespace IncidentBot.Hosting;

/// <summary>
/// Headers and framing every answer gets, whatever endpoint: no <c>Server</c> header, no content
/// sniffing of error texts that echo the path, and a request that carries both
/// <c>Transfer-Encoding: chunked</c> and <c>Content-Length</c> (request smuggling) refused with 400.
/// </summary>
public static class HttpHygiene
{
    private const string KestrelsRenamedContentLength = "X-Content-Length";

    public static void AddHttpHygiene(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

    /// <summary>First in the pipeline, so it also covers answers the endpoints never see (404, 405).</summary>
    public static void UseHttpHygiene(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            var headers = context.Request.Headers;
            // Kestrel honours the chunked framing and hands the app the Content-Length renamed to X-Content-Length.
            if (headers.TransferEncoding.Count > 0 && (headers.ContentLength is not null || headers.ContainsKey(KestrelsRenamedContentLength)))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.Headers.Connection = "close";
                await context.Response.WriteAsync("A request carries either Transfer-Encoding or Content-Length, not both.");
                return;
            }
            await next(context);
        });
}
