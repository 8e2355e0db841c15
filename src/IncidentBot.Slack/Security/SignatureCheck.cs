namespace IncidentBot.Slack;

/// <summary>The outcome of <see cref="SlackSignature.Verify"/>. Anything but <see cref="Valid"/> means: answer 401.</summary>
public enum SignatureCheck
{
    Valid,

    /// <summary>The timestamp or the signature header is absent or empty.</summary>
    MissingHeaders,

    /// <summary>The timestamp is not an integer, or the signature is not <c>v0=</c> + 64 hex digits.</summary>
    MalformedHeaders,

    /// <summary>The timestamp is more than 300 s away from now, in either direction (replay protection).</summary>
    StaleTimestamp,

    /// <summary>Well-formed, fresh, but not signed with our secret over this body.</summary>
    Mismatch,
}
