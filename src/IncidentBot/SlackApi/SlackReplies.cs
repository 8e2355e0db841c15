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

    /// <summary>
    /// 200 with <c>X-Slack-No-Retry: 1</c> (and <paramref name="reason"/> as text, if given): taken, and
    /// sending it again would not help. A result rather than a header set now, so the Socket Mode
    /// entrance, which has no headers, can render the same answer.
    /// </summary>
    public static IResult NoRetry(string? reason = null) => new NoRetryResult(reason);

    /// <summary>Empty 200: Slack's "got it".</summary>
    public static IResult Ack() => Results.Ok();

    public const string InternalError =
        "Something went wrong on IncidentBot's side and nothing was changed. Please try again; if it keeps failing, tell the data platform team.";

    private sealed class NoRetryResult(string? reason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["X-Slack-No-Retry"] = "1";
            return (reason is null ? Results.Ok() : Results.Text(reason)).ExecuteAsync(httpContext);
        }
    }
}
