using IncidentBot.Configuration;
using IncidentBot.Slack;
using IncidentBot.SlackApi;
using Microsoft.Extensions.Options;

namespace IncidentBot.Pipeline;

/// <summary>
/// A request body that passed the size limit and the signature check. <paramref name="Signature"/> is
/// the verified signature in lower-case hex, so a replay spelled in another letter case has the same key.
/// </summary>
public sealed record VerifiedSlackRequest(string Body, string Signature, int RetryNum);

/// <summary>
/// Reads a Slack request body within the size limit and verifies its signature over the raw bytes.
/// On failure it returns the result to send (413, 401, 503) and the request changes nothing.
/// </summary>
public sealed class SlackRequestReader(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackRequestReader> logger)
{
    /// <summary>
    /// With <paramref name="answerSslCheck"/> (slash commands), Slack's certificate probe (<c>ssl_check=1</c>),
    /// which may come unsigned, is answered 200 before the signature check and does nothing.
    /// </summary>
    public async Task<(VerifiedSlackRequest? Request, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken, bool answerSslCheck = false)
    {
        var slack = options.Value;
        if (!slack.HasSigningSecret)
        {
            return (null, Results.Text("IncidentBot is not configured for Slack yet: set Slack:SigningSecret.", statusCode: StatusCodes.Status503ServiceUnavailable));
        }
        if (request.ContentLength > slack.MaxRequestBytes)
        {
            return (null, Results.Text("Request body too large.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        byte[]? body;
        try
        {
            body = await Http.BoundedBody.ReadAsync(request.Body, slack.MaxRequestBytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // A body shorter than its Content-Length, a reset, a client that stalls past Kestrel's
            // minimum data rate: unsigned as far as we know, so one short line and no stack trace.
            logger.LogInformation("Dropped a request to {Path}: its body did not arrive ({Reason})", request.Path, e.GetType().Name);
            request.HttpContext.Items[Logging.LogScopes.AlreadyLogged] = true;
            if (e is BadHttpRequestException bad)
            {
                return (null, Results.Text("The request body did not arrive in full.", statusCode: bad.StatusCode));
            }
            // The connection is gone: abort it, or the server would try to drain a body mid-read and log that.
            request.HttpContext.Abort();
            return (null, Results.Empty);
        }
        if (body is null)
        {
            return (null, Results.Text("Request body too large.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        if (answerSslCheck && SlashCommand.Parse(System.Text.Encoding.UTF8.GetString(body)) is { SslCheck: true })
        {
            return (null, Results.Ok());
        }
        var timestamp = request.Headers[SlackHeaders.Timestamp].ToString();
        var signature = request.Headers[SlackHeaders.Signature].ToString();
        var check = SlackSignature.Verify(slack.SigningSecret!, timestamp, signature, body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Refused a request to {Path}: signature {Check}", request.Path, check);
            return (null, Results.Text("Invalid Slack signature.", statusCode: StatusCodes.Status401Unauthorized));
        }
        _ = int.TryParse(request.Headers[SlackHeaders.RetryNum].ToString(), out var retryNum);
        return (new VerifiedSlackRequest(System.Text.Encoding.UTF8.GetString(body), signature.ToLowerInvariant(), retryNum), null);
    }

    /// <summary>
    /// True when the request is for this app (<c>Slack:AppId</c>, when set) and the workspace allow-list
    /// (<c>Slack:TeamId</c>, a workspace or an Enterprise Grid organisation) admits its installation.
    /// </summary>
    public bool Admits(SlackInstallation installation)
    {
        var slack = options.Value;
        if (!string.IsNullOrWhiteSpace(slack.AppId) && installation.AppId is { } app && !string.Equals(app, slack.AppId, StringComparison.Ordinal))
        {
            return false;
        }
        return string.IsNullOrWhiteSpace(slack.TeamId) || installation.Includes(slack.TeamId);
    }
}
