namespace IncidentBot.Domain.Policy;

/// <summary>A time span for each severity, as the policy's settings give them (<c>...:P0</c> to <c>...:P3</c>).</summary>
public abstract record PerSeverity(TimeSpan P0, TimeSpan P1, TimeSpan P2, TimeSpan P3)
{
    public TimeSpan For(Severity severity) => severity switch
    {
        Severity.P0 => P0,
        Severity.P1 => P1,
        Severity.P2 => P2,
        _ => P3,
    };
}
