namespace IncidentBot.Slack;

/// <summary>The <c>view</c> of a view_submission / view_closed (or a block_actions inside a modal or Home tab).</summary>
public sealed record ViewPayload
{
    public string? Id { get; init; }

    /// <summary>modal or home.</summary>
    public string? Type { get; init; }
    public string? CallbackId { get; init; }

    /// <summary>What we put into the view when opening it; Slack sends "" when there was none.</summary>
    public string? PrivateMetadata { get; init; }
    public string? Hash { get; init; }
    public string? RootViewId { get; init; }

    /// <summary>The values typed or chosen in the view's inputs; empty when there are none.</summary>
    public ViewState State { get; init; } = ViewState.Empty;
}
