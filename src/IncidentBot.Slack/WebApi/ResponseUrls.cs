namespace IncidentBot.Slack;

/// <summary>
/// Which <c>response_url</c>s the bot will POST to. The URL comes from a signed request, but it is
/// still a URL the bot fetches on someone's behalf: only Slack's webhook host is accepted (and, for
/// tests and proxies, the host of the configured Web API base URL), over HTTPS unless that base is
/// itself plain HTTP on the same host.
/// </summary>
public static class ResponseUrls
{
    public const string SlackHooksHost = "hooks.slack.com";

    /// <summary>Slack accepts answers at a response_url for 30 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static bool IsTrusted(Uri url, Uri apiBase)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(apiBase);
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }
        if (url.Scheme == Uri.UriSchemeHttps && url.IsDefaultPort && string.Equals(url.Host, SlackHooksHost, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return apiBase.IsAbsoluteUri
            && string.Equals(url.Scheme, apiBase.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.Host, apiBase.Host, StringComparison.OrdinalIgnoreCase)
            && url.Port == apiBase.Port;
    }

    /// <summary>The URL when it is well-formed and trusted, else null.</summary>
    public static Uri? Parse(string? text, Uri apiBase) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && IsTrusted(url, apiBase) ? url : null;
}
