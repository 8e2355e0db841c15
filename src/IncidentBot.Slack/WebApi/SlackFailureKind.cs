namespace IncidentBot.Slack;

/// <summary>What a failed Web API call means for the caller.</summary>
public enum SlackFailureKind
{
    /// <summary>The call succeeded.</summary>
    None,

    /// <summary>Slack asked us to slow down: retry after <see cref="SlackApiResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>A hiccup on Slack's side or the network (5xx, timeout, internal_error): retry with back-off.</summary>
    Transient,

    /// <summary>Retrying cannot help (channel_not_found, invalid_auth, invalid_blocks...): give up and tell someone.</summary>
    Permanent,
}
