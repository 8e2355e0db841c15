namespace IncidentBot.Domain.Alerts;

/// <summary>
/// One check (an alert's fingerprint) on an incident: whether it fails now, how many times it fired
/// since it started failing, and when the thread last heard about it (so a check that fires every
/// minute posts at most one "still failing" note per <c>Alerts:RepeatNoteEvery</c>).
/// </summary>
public sealed record AlertCheck
{
    public required long IncidentNumber { get; init; }
    public required string Fingerprint { get; init; }

    /// <summary>Who reported it, as people know the tool (<c>Alertmanager</c>).</summary>
    public required string Source { get; init; }

    public required string Title { get; init; }
    public required bool Failing { get; init; }

    /// <summary>Times it fired since it last started failing (the first firing counts).</summary>
    public required int Fired { get; init; }

    public required DateTimeOffset FailingSince { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>When the thread last said something about this check (joined, still failing, passing).</summary>
    public required DateTimeOffset LastNoteAt { get; init; }

    public string? Url { get; init; }

    /// <summary>A check that has just started failing on <paramref name="incidentNumber"/>.</summary>
    public static AlertCheck Start(long incidentNumber, string fingerprint, string source, string title, string? url, DateTimeOffset now) => new()
    {
        IncidentNumber = incidentNumber,
        Fingerprint = fingerprint,
        Source = source,
        Title = title,
        Failing = true,
        Fired = 1,
        FailingSince = now,
        LastSeenAt = now,
        LastNoteAt = now,
        Url = url,
    };

    /// <summary>
    /// It fired again. Still failing: counted, and <see cref="RepeatNote.Due"/> once <paramref name="every"/>
    /// has passed since the thread last heard about it. Passing until now: failing again, a note at once.
    /// </summary>
    public (AlertCheck Check, RepeatNote Note) FiredAgain(DateTimeOffset now, TimeSpan every)
    {
        if (!Failing)
        {
            return (this with { Failing = true, Fired = 1, FailingSince = now, LastSeenAt = now, LastNoteAt = now }, RepeatNote.FailingAgain);
        }
        var fired = this with { Fired = Fired + 1, LastSeenAt = now };
        return now - LastNoteAt >= every
            ? (fired with { LastNoteAt = now }, RepeatNote.Due)
            : (fired, RepeatNote.None);
    }

    /// <summary>It passes: true when that is news (it was failing), so the thread hears once.</summary>
    public (AlertCheck Check, bool Changed) Passed(DateTimeOffset now) =>
        Failing ? (this with { Failing = false, LastSeenAt = now, LastNoteAt = now }, true) : (this with { LastSeenAt = now }, false);
}

/// <summary>What a repeat of a check says in the thread.</summary>
public enum RepeatNote
{
    /// <summary>Nothing now: the thread heard about this check less than <c>RepeatNoteEvery</c> ago.</summary>
    None,

    /// <summary>"Still failing, n times since HH:MM".</summary>
    Due,

    /// <summary>It had passed and fails again.</summary>
    FailingAgain,
}
