namespace IncidentBot.Messages;

/// <summary>The model of <c>watch-failing.scriban</c>: a watch whose query failed several times in a row (not a data incident).</summary>
public sealed record WatchFailingModel
{
    public required string Name { get; init; }
    public int Failures { get; init; }

    /// <summary>The last failure, as the warehouse said it (no secrets).</summary>
    public required string Error { get; init; }

    /// <summary>When the watch last read the data, if ever.</summary>
    public DateTimeOffset? Since { get; init; }
}
