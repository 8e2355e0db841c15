namespace IncidentBot.Configuration;

/// <summary><c>Web</c>: who may read the pages for people (the status page, the asset API, postmortem drafts, metrics).</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Optional. When set, <c>/status</c>, <c>/api/assets/*</c>, <c>/incidents/*/postmortem</c> and
    /// <c>/metrics</c> need it: <c>Authorization: Bearer</c>, or <c>?token=</c> once (then an HttpOnly
    /// cookie). A secret: never logged.
    /// </summary>
    public string? ReadToken { get; set; }

    public bool HasReadToken => !string.IsNullOrWhiteSpace(ReadToken);
}
