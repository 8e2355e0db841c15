namespace IncidentBot.Domain.Watches;

/// <summary>A watch's verdict on the newest load its query returned.</summary>
public sealed record Freshness(bool Stale, DateTimeOffset NewestLoad, TimeSpan Age, TimeSpan MaxAge)
{
    /// <summary>When the data became wrong: the moment the newest load grew older than allowed.</summary>
    public DateTimeOffset WrongSince => NewestLoad + MaxAge;

    /// <summary>Stale when the newest load is older than <paramref name="maxAge"/> at <paramref name="now"/> (exactly <paramref name="maxAge"/> old is still fresh).</summary>
    public static Freshness Judge(DateTimeOffset newestLoad, TimeSpan maxAge, DateTimeOffset now)
    {
        var age = now - newestLoad;
        return new Freshness(age > maxAge, newestLoad, age, maxAge);
    }
}
