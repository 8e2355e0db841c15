namespace IncidentBot.SlackApi;

/// <summary>HTTP answers to Slack: an ephemeral reply is seen only by the person who typed the command.</summary>
public static class SlackReplies
{
    public static IResult Ephemeral(string mrkdwn) =>
        Results.Json(new { response_type = "ephemeral", text = mrkdwn });

    public static IResult Ephemeral(string mrkdwn, System.Text.Json.Nodes.JsonArray blocks) =>
        Results.Json(new System.Text.Json.Nodes.JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = mrkdwn,
            ["blocks"] = blocks,
        });

    /// <summary>200 with <c>X-Slack-No-Retry: 1</c>: taken, and sending it again would not help.</summary>
    public static IResult NoRetry(HttpContext context)
    {
        context.Response.Headers["X-Slack-No-Retry"] = "1";
        return Results.Ok();
    }

    /// <summary>Empty 200: Slack's "got it".</summary>
    public static IResult Ack() => Results.Ok();

    public const string InternalError =
        "Something went wrong on IncidentBot's side and nothing was changed. Please try again; if it keeps failing, tell the data platform team.";
}
