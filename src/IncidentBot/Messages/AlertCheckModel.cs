namespace IncidentBot.Messages;

/// <summary>The model of <c>alert-check.scriban</c>: what the thread hears about one check of an incident.</summary>
public sealed record AlertCheckModel
{
    /// <summary><c>joined</c>, <c>still_failing</c>, <c>failing_again</c>, <c>passing</c> or <c>reopened</c>.</summary>
    public required string Kind { get; init; }
    public required string Reference { get; init; }
    public required string Title { get; init; }

    /// <summary>The tool, as people know it (<c>Alertmanager</c>).</summary>
    public required string Source { get; init; }

    public string? Details { get; init; }
    public string? Url { get; init; }

    /// <summary>Times it fired since it started failing (<c>still_failing</c>).</summary>
    public int Fired { get; init; }
    public DateTimeOffset? Since { get; init; }

    /// <summary>The incident's checks after this one: failing and passing.</summary>
    public int Failing { get; init; }
    public int Passing { get; init; }

    /// <summary>Who must act (verify and resolve; look at a reopened incident).</summary>
    public string? Owner { get; init; }
    public TimeSpan? SinceResolved { get; init; }

    public const string Joined = "joined";
    public const string StillFailing = "still_failing";
    public const string FailingAgain = "failing_again";
    public const string PassingAgain = "passing";
    public const string Reopened = "reopened";
}
