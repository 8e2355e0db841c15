namespace IncidentBot.Slack;

/// <summary>
/// One element of a block_actions payload's <c>actions</c>: a button click (<see cref="Value"/>,
/// absent when the button has none) or a menu choice (<see cref="SelectedOptionValue"/>).
/// </summary>
public sealed record BlockAction
{
    /// <summary>The element type: button, static_select, users_select...</summary>
    public string? Type { get; init; }
    public string? ActionId { get; init; }
    public string? BlockId { get; init; }
    public string? Value { get; init; }
    public string? SelectedOptionValue { get; init; }
    public string? SelectedUser { get; init; }
    public string? ActionTs { get; init; }
}
