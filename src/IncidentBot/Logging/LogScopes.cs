namespace IncidentBot.Logging;

/// <summary>What the bot's code adds to its log lines: the incident a line is about, and requests already logged.</summary>
public static class LogScopes
{
    /// <summary>An <c>HttpContext.Items</c> key: the request has had its one line already (a bad client's), so the request log stays quiet.</summary>
    public const string AlreadyLogged = "incidentbot:already-logged";

    /// <summary>A scope that tags every log line with the incident reference.</summary>
    public static IDisposable? BeginIncidentScope(this Microsoft.Extensions.Logging.ILogger logger, string reference) =>
        logger.BeginScope(new Dictionary<string, object> { ["Incident"] = reference });
}
