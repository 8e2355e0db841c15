namespace IncidentBot.Slack;

/// <summary>
/// The inner <c>event</c> of an Events API callback. Fields an event type does not have are null:
/// app_mention and message have Channel/Ts/Text; reaction_added has Reaction and Item*.
/// </summary>
public sealed record SlackEvent
{
    /// <summary>app_mention, message, reaction_added...</summary>
    public string? Type { get; init; }

    /// <summary>message subtypes: bot_message, message_changed...</summary>
    public string? Subtype { get; init; }

    /// <summary>The acting user's id (null when Slack sends a user object instead, as in user_change).</summary>
    public string? User { get; init; }

    /// <summary>Set on messages posted by a bot (including ours).</summary>
    public string? BotId { get; init; }

    /// <summary>Set on messages posted by an app; equal to the envelope's api_app_id on our own.</summary>
    public string? AppId { get; init; }
    public string? Reaction { get; init; }
    public string? ItemChannel { get; init; }
    public string? ItemTs { get; init; }
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? EventTs { get; init; }
    public string? Text { get; init; }

    /// <summary>Which timestamp field, if any, is present but not a Slack <c>ts</c> (e.g. <c>event.ts</c>), with an example of the right form.</summary>
    public string? InvalidField()
    {
        (string Name, string? Value)[] timestamps = [("event.ts", Ts), ("event.thread_ts", ThreadTs), ("event.event_ts", EventTs), ("event.item.ts", ItemTs)];
        foreach (var (name, value) in timestamps)
        {
            if (value is not null && !SlackTimestamps.TryParseTs(value, out _))
            {
                return $"{name} is not a Slack timestamp (unix seconds and six digits, like 1700000000.000100).";
            }
        }
        return null;
    }
}
