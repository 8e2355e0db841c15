namespace IncidentBot.Domain;

/// <summary>"Data is now ..." in the resolution: the values of the modal's select and how they read.</summary>
public static class DataStates
{
    public const string Fresh = "fresh";
    public const string Backfilled = "backfilled";
    public const string Partial = "partial";

    /// <summary>True for a resolution that says the data is complete again (fresh, or backfilled), false for partially correct or not stated.</summary>
    public static bool IsComplete(string? description) =>
        description is not null && (description.StartsWith("fresh", StringComparison.Ordinal) || description.StartsWith("backfilled", StringComparison.Ordinal));

    public static string Describe(string state, DateOnly? backfilledTo) => state switch
    {
        Backfilled => backfilledTo is { } date ? $"backfilled to {date:yyyy-MM-dd}" : "backfilled",
        Partial => "partially correct",
        _ => "fresh and accurate",
    };
}
