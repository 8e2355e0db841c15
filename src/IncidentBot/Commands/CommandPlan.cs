using IncidentBot.Incidents;

namespace IncidentBot.Commands;

/// <summary>What a subcommand does with one parsed command: a change through the inbox, a read answered at once, or a refusal.</summary>
public abstract record CommandPlan
{
    private CommandPlan()
    {
    }

    /// <summary>Stored in the inbox under <see cref="Incident"/> (null: a new incident), which keeps one incident's changes in order; the inbox worker runs <see cref="Apply"/>.</summary>
    public sealed record Change(long? Incident, Func<CancellationToken, Task> Apply) : CommandPlan;

    /// <summary>Answered in the HTTP response; with <see cref="CatchUp"/>, after waiting (briefly) for earlier changes to what it reads.</summary>
    public sealed record Read(Func<CancellationToken, Task<IResult>> Answer, ReadYourWrites? CatchUp = null) : CommandPlan;

    /// <summary>Wrong in a way seen without the database: <see cref="Problem"/> is answered and nothing is stored.</summary>
    public sealed record Refuse(string Problem) : CommandPlan;
}

/// <summary>A read of one incident (all when <see cref="Incident"/> is null) waits at most <see cref="Budget"/> for the changes to it that came first.</summary>
public sealed record ReadYourWrites(long? Incident, TimeSpan Budget);

/// <summary>
/// Who sent a command and where they hear back: <see cref="At"/> is when it came, <see cref="TriggerId"/>
/// (for views.open) exists only on the request path.
/// </summary>
public sealed record CommandCaller(string User, string RequestKey, DateTimeOffset At, ReplyTo ReplyTo, string? TriggerId);
