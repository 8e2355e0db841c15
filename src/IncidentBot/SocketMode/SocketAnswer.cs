using System.Text.Json.Nodes;

namespace IncidentBot.SocketMode;

/// <summary>
/// Turns the dispatcher's answer (the <see cref="IResult"/> the HTTP entrance would send) into what
/// travels back in a Socket Mode acknowledgement: its status and, for a 200 with a JSON body, that body
/// as the ack's <c>payload</c>. Rendering the same result keeps both entrances saying the same.
/// </summary>
public static class SocketAnswer
{
    public static async Task<(int Status, JsonObject? Payload)> RenderAsync(IResult result, IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        if (body.Length == 0 || context.Response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (context.Response.StatusCode, null);
        }
        body.Position = 0;
        return (context.Response.StatusCode, JsonNode.Parse(body) as JsonObject);
    }
}
