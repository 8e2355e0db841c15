namespace IncidentBot.Storage;

/// <summary>
/// Timestamps are stored as bigint unix milliseconds in both databases: one representation that
/// sorts, compares and round-trips the same in PostgreSQL and SQLite (no timestamptz/text
/// DateTimeOffset differences between the two providers). Sub-millisecond precision is dropped.
/// </summary>
internal static class UnixMs
{
    public static long From(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static long? From(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    public static DateTimeOffset To(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? To(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
